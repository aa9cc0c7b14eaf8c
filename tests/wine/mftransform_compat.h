/* mftransform_compat.h -- included first (-include) where mfcb-gen's header from Wine's mfmediaengine.idl is
   compiled: that header declares the whole file, as widl would, IMFMediaEngineEx too, which takes
   mftransform.idl's MF3DVideoOutputType; mingw-w64 10's older mftransform.h has no such type. */
#ifndef MFTRANSFORM_COMPAT_H
#define MFTRANSFORM_COMPAT_H
typedef enum _MF3DVideoOutputType { MF3DVideoOutputType_BaseView, MF3DVideoOutputType_Stereo } MF3DVideoOutputType;
#endif
