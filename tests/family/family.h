/* family.h -- what the generated family tests share: representative arguments, a counting IUnknown, the
   queue, and the report. The definitions are in family_main.c. */
#ifndef MFCB_FAMILY_H
#define MFCB_FAMILY_H
#include <mfcb/mfcb.h>
#include "../check.h"

#define FAM_N 5     /* elements in every [size_is] buffer the tests pass */
#define FAM_STR 32  /* room for a string a handler saw */
#define FAM_BUF 512 /* room for a buffer or structure a handler saw */

extern int fam_ctx;                 /* its address is every object's ctx */
extern IUnknown fam_unk;            /* passed for every interface pointer; counts its references */
extern long fam_unk_refs;
extern GUID fam_guid;               /* passed for every REFGUID */
extern const GUID fam_guid_orig;
extern WCHAR fam_wstr[];            /* passed for every wide string */
extern const WCHAR fam_wstr_orig[];
extern char fam_astr[];             /* passed for every narrow string */
extern const char fam_astr_orig[];
extern struct fam_bstr_ { UINT32 len; OLECHAR s[FAM_STR]; } fam_bstr; /* a BSTR's layout: s is the BSTR */
extern const OLECHAR fam_bstr_orig[];
extern unsigned char fam_buf[];     /* passed for every [size_is] buffer */
extern const unsigned char fam_buf_orig[];
extern union fam_rec_ { double d; void *p; LONGLONG l; unsigned char b[FAM_BUF]; } fam_rec; /* structures */
extern const unsigned char fam_rec_orig[];
extern unsigned char fam_blob[];    /* passed for every other pointer */
extern mfcb_queue *fam_queue;
extern const IID fam_iid_agile, fam_iid_none;

/* The stack pointer before and after a call through a vtable, on 32-bit x86: a stub whose calling convention
   is not the vtable's (__cdecl where the SDK says __stdcall) returns with it moved by the arguments' size,
   which a frame pointer would otherwise hide. Elsewhere a call has one convention and the check is empty.
   (The family test is built with -maccumulate-outgoing-args there, so that between two calls the stack
   pointer stays put.) */
#if defined(__i386__) && defined(__GNUC__)
#define FAM_SP(v) __asm__ __volatile__("movl %%esp, %0" : "=r"(v))
#define FAM_STACK_BEFORE unsigned long fam_sp_before, fam_sp_after; FAM_SP(fam_sp_before);
#define FAM_STACK_AFTER(what) FAM_SP(fam_sp_after); fam_stack_check(what, fam_sp_before, fam_sp_after);
void fam_stack_check(const char *what, unsigned long before, unsigned long after);
#else
#define FAM_STACK_BEFORE
#define FAM_STACK_AFTER(what)
#endif

void fam_copy_wstr(WCHAR *dst, const WCHAR *src);
void fam_copy_astr(char *dst, const char *src);
int fam_same_wstr(const WCHAR *a, const WCHAR *b);
int fam_same_astr(const char *a, const char *b);
void fam_scribble(void); /* overwrites the strings, GUID, structure and buffer the caller passed */
void fam_restore(void);
void fam_method(int queued, int queueable);
void fam_report(const char *name, int ifaces, int methods, int iids);

#endif
