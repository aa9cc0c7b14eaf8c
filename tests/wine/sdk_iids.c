/* sdk_iids.c -- the IIDs mingw-w64's mfplay.h declares but none of its libraries defines, defined from
   that header's own DEFINE_GUID values (INITGUID), so that the family test asks with the SDK's IID. */
#include <initguid.h>
#include <mfplay.h>
