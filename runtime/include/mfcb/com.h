/* com.h -- the COM base types mfcb needs: the SDK's on Windows, a minimal stand-in elsewhere. */
#ifndef MFCB_COM_H
#define MFCB_COM_H

#ifdef _WIN32

#ifndef COBJMACROS
#define COBJMACROS
#endif
#include <windows.h>
#include <unknwn.h>

#else /* !_WIN32: just enough of the Windows ABI to compile and test on POSIX */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef int32_t HRESULT;
typedef int32_t LONG;
typedef uint32_t ULONG;
typedef uint32_t DWORD;
typedef uint16_t WORD;
typedef uint8_t BYTE;
typedef int32_t BOOL;
typedef int64_t LONGLONG;
typedef uint64_t ULONGLONG;
typedef uint64_t QWORD;
typedef uint16_t USHORT;
typedef uint32_t UINT;
typedef uint32_t UINT32;
typedef int32_t INT32;
typedef uint64_t UINT64;
typedef uintptr_t ULONG_PTR;
typedef uintptr_t DWORD_PTR;
typedef uint16_t WCHAR;
typedef WCHAR *LPWSTR;
typedef const WCHAR *LPCWSTR;
typedef char *LPSTR;
typedef const char *LPCSTR;
typedef WCHAR OLECHAR;
typedef OLECHAR *LPOLESTR;
typedef const OLECHAR *LPCOLESTR;
typedef OLECHAR *BSTR; /* as on Windows: a UINT32 byte count precedes the first character */
typedef void *LPVOID;
typedef LONGLONG MFTIME; /* Media Foundation's, from mfobjects.h on Windows */
typedef void *HANDLE;

typedef struct _GUID {
    uint32_t Data1;
    uint16_t Data2;
    uint16_t Data3;
    uint8_t Data4[8];
} GUID;
typedef GUID IID;
typedef GUID CLSID;
typedef const GUID *LPCGUID;
#ifdef __cplusplus
#define REFGUID const GUID &
#define REFIID const IID &
#define REFCLSID const CLSID &
#else
#define REFGUID const GUID *
#define REFIID const IID *
#define REFCLSID const CLSID *
#endif

#define S_OK ((HRESULT)0)
#define S_FALSE ((HRESULT)1)
#define E_NOTIMPL ((HRESULT)0x80004001L)
#define E_NOINTERFACE ((HRESULT)0x80004002L)
#define E_POINTER ((HRESULT)0x80004003L)
#define E_FAIL ((HRESULT)0x80004005L)
#define E_UNEXPECTED ((HRESULT)0x8000FFFFL)
#define E_OUTOFMEMORY ((HRESULT)0x8007000EL)
#define E_INVALIDARG ((HRESULT)0x80070057L)
#define SUCCEEDED(hr) ((HRESULT)(hr) >= 0)
#define FAILED(hr) ((HRESULT)(hr) < 0)
#define TRUE 1
#define FALSE 0

#define STDMETHODCALLTYPE
/* The calling conventions IDL may write (kept in generated code as written): one convention here. */
#ifndef __stdcall
#define __stdcall
#endif
#ifndef __cdecl
#define __cdecl
#endif
#ifndef __fastcall
#define __fastcall
#endif
#ifndef __pascal
#define __pascal
#endif
#ifndef WINAPI
#define WINAPI
#endif
#ifndef CALLBACK
#define CALLBACK
#endif
#define BEGIN_INTERFACE
#define END_INTERFACE
#define CONST_VTBL const
#ifndef interface
#define interface struct
#endif
#ifdef __cplusplus
#define MIDL_INTERFACE(uuid) struct
#define EXTERN_C extern "C"
#else
#define EXTERN_C extern
#endif

#ifndef __IUnknown_FWD_DEFINED__
#define __IUnknown_FWD_DEFINED__
typedef interface IUnknown IUnknown;
#endif
#ifndef __IUnknown_INTERFACE_DEFINED__
#define __IUnknown_INTERFACE_DEFINED__
#if defined(__cplusplus) && !defined(CINTERFACE)
struct IUnknown {
    virtual HRESULT STDMETHODCALLTYPE QueryInterface(REFIID riid, void **ppvObject) = 0;
    virtual ULONG STDMETHODCALLTYPE AddRef(void) = 0;
    virtual ULONG STDMETHODCALLTYPE Release(void) = 0;
};
#else
typedef struct IUnknownVtbl {
    HRESULT (STDMETHODCALLTYPE *QueryInterface)(IUnknown *This, REFIID riid, void **ppvObject);
    ULONG (STDMETHODCALLTYPE *AddRef)(IUnknown *This);
    ULONG (STDMETHODCALLTYPE *Release)(IUnknown *This);
} IUnknownVtbl;
interface IUnknown {
    CONST_VTBL IUnknownVtbl *lpVtbl;
};
#define IUnknown_QueryInterface(This, riid, ppv) ((This)->lpVtbl->QueryInterface(This, riid, ppv))
#define IUnknown_AddRef(This) ((This)->lpVtbl->AddRef(This))
#define IUnknown_Release(This) ((This)->lpVtbl->Release(This))
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif
extern MFCB_API const IID IID_IUnknown;
#ifdef __cplusplus
}
#endif

#ifndef __cplusplus
static inline int IsEqualGUID(const GUID *a, const GUID *b) { return memcmp(a, b, sizeof *a) == 0; }
#define IsEqualIID(a, b) IsEqualGUID(a, b)
#endif

#endif /* _WIN32 */

/* Media Foundation's "object is shut down" result, the default for calls after mfcb_close. */
#define MFCB_E_SHUTDOWN ((HRESULT)0xC00D3E85L)
/* mfcb_close called from inside a tracer, which may not close objects: E_ILLEGAL_METHOD_CALL. */
#define MFCB_E_IN_TRACER ((HRESULT)0x8000000EL)

#endif /* MFCB_COM_H */
