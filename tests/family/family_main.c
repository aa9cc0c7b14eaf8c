/* family_main.c -- runs the generated family test of every file of idl/ (and of the multi-interface
   objects), and prints one line per object: what was created, called and checked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <extras.cb.h>
#include "family.h"

int fam_ctx;
long fam_unk_refs;
GUID fam_guid = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
const GUID fam_guid_orig = {0x12345678, 0x9abc, 0xdef0, {1, 2, 3, 4, 5, 6, 7, 8}};
WCHAR fam_wstr[] = {'w', 'i', 'd', 'e', 0};
const WCHAR fam_wstr_orig[] = {'w', 'i', 'd', 'e', 0};
char fam_astr[] = "narrow";
const char fam_astr_orig[] = "narrow";
struct fam_bstr_ fam_bstr = {6, {'k', 'e', 'y', 0}};
const OLECHAR fam_bstr_orig[] = {'k', 'e', 'y', 0};
unsigned char fam_buf[FAM_BUF] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
const unsigned char fam_buf_orig[FAM_BUF] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0};
union fam_rec_ fam_rec = {0};
const unsigned char fam_rec_orig[FAM_BUF] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc,
                                             0xdd, 0xee, 0xf0, 0x01, 0x12, 0x23, 0x34, 0x45, 0x56, 0x67, 0x78, 0x89,
                                             0x9a, 0xab, 0xbc, 0xcd, 0xde, 0xef, 0xf1, 0x02};
unsigned char fam_blob[256];
mfcb_queue *fam_queue;
/* IAgileObject, and an IID nobody implements */
const IID fam_iid_agile = {0x94ea2b94, 0xe9cc, 0x49e0, {0xc0, 0xff, 0xee, 0x64, 0xca, 0x8f, 0x5b, 0x90}};
const IID fam_iid_none = {0x0badc0de, 0x0000, 0x4000, {0x80, 0, 0, 0, 0, 0, 0, 1}};

static HRESULT STDMETHODCALLTYPE unk_qi(IUnknown *This, REFIID riid, void **ppv)
{
    (void)This;
    (void)riid;
    *ppv = NULL;
    return E_NOINTERFACE;
}
static ULONG STDMETHODCALLTYPE unk_addref(IUnknown *This)
{
    (void)This;
    return (ULONG)++fam_unk_refs;
}
static ULONG STDMETHODCALLTYPE unk_release(IUnknown *This)
{
    (void)This;
    CHECK(fam_unk_refs > 0);
    return (ULONG)--fam_unk_refs;
}
static IUnknownVtbl unk_vtbl = {unk_qi, unk_addref, unk_release};
IUnknown fam_unk = {&unk_vtbl};

void fam_copy_wstr(WCHAR *dst, const WCHAR *src)
{
    int n = 0;
    while (src[n] && n < FAM_STR - 1) {
        dst[n] = src[n];
        n++;
    }
    dst[n] = 0;
}
void fam_copy_astr(char *dst, const char *src)
{
    int n = 0;
    while (src[n] && n < FAM_STR - 1) {
        dst[n] = src[n];
        n++;
    }
    dst[n] = 0;
}
int fam_same_wstr(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}
int fam_same_astr(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

void fam_scribble(void)
{
    memset(&fam_guid, 0xee, sizeof fam_guid);
    fam_wstr[0] = 'X';
    fam_astr[0] = 'X';
    fam_bstr.s[0] = 'X';
    memset(fam_buf, 0xee, FAM_BUF);
    memset(fam_rec.b, 0xee, FAM_BUF);
}
void fam_restore(void)
{
    fam_guid = fam_guid_orig;
    fam_copy_wstr(fam_wstr, fam_wstr_orig);
    fam_copy_astr(fam_astr, fam_astr_orig);
    fam_copy_wstr(fam_bstr.s, fam_bstr_orig);
    memcpy(fam_buf, fam_buf_orig, FAM_BUF);
    memcpy(fam_rec.b, fam_rec_orig, FAM_BUF);
}

static int calls, queued_calls, objects;
void fam_method(int queued, int queueable)
{
    calls++;
    queued_calls += queued && queueable;
    fam_blob[0] = 0;
}

#if defined(__i386__) && defined(__GNUC__)
static int stack_checks;
void fam_stack_check(const char *what, unsigned long before, unsigned long after)
{
    if (before != after) {
        fprintf(stderr, "family: %s moved the stack pointer by %ld bytes: its stub's calling convention is not "
                "the vtable's\n", what, (long)(after - before));
        abort();
    }
    stack_checks++;
}
#endif

void fam_report(const char *name, int ifaces, int methods, int iids)
{
    printf("family: %s: %d interface%s, %d method%s called direct and on a queue, QueryInterface over %d IID%s, "
           "closed, released\n", name, ifaces, ifaces == 1 ? "" : "s", methods, methods == 1 ? "" : "s", iids,
           iids == 1 ? "" : "s");
    objects++;
}

/* The tracer shows strings as text: narrow, wide, escaped, cut short with "...", NULL. */
static char traced[512];
static void trace(void *user, const mfcb_trace_call *c)
{
    (void)user;
    snprintf(traced, sizeof traced, "%s::%s(%s)", c->iface, c->method, c->args);
}

static void trace_strings(void)
{
    static const WCHAR quoted[] = {'a', '"', 'b', '\\', 0x00e9, 0};
    WCHAR longer[120];
    IFamExtras *x;
    int i;
    for (i = 0; i < 119; i++)
        longer[i] = (WCHAR)('a' + i % 26);
    longer[119] = 0;
    CHECK(mfcb_IFamExtras_new(NULL, NULL, NULL, &x) == S_OK);
    mfcb_set_trace(trace, NULL);
    x->lpVtbl->Names(x, "tab\there", quoted, NULL);
    CHECK(strcmp(traced, "IFamExtras::Names(narrow=\"tab\\x09here\", wide=L\"a\\\"b\\\\\\u00e9\", plain=NULL)") == 0);
    x->lpVtbl->Names(x, "", longer, NULL);
    CHECK(strstr(traced, "wide=L\"abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz") &&
          strstr(traced, "\"...,"));
    mfcb_set_trace(NULL, NULL);
    CHECK(x->lpVtbl->Release(x) == 0);
    printf("family: traces show strings as text, escaped and cut short\n");
}

#define X(stem) void family_##stem(void);
FAM_STEMS
#undef X

int main(void)
{
    CHECK(mfcb_queue_new(&fam_queue) == S_OK);
    fam_restore();
#define X(stem) family_##stem();
    FAM_STEMS
#undef X
    mfcb_queue_free(fam_queue);
    trace_strings();
    CHECK(mfcb_live_objects() == 0);
    CHECK(fam_unk_refs == 0);
    printf("family: %d objects, %d method calls, %d of them through the queue; 0 live objects left", objects,
           calls, queued_calls);
#if defined(__i386__) && defined(__GNUC__)
    printf("; the stack pointer checked around %d calls on 32-bit x86", stack_checks);
#endif
    printf("\n");
    return 0;
}
