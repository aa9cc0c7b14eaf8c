/* fuzz_front.c -- libFuzzer target over the whole front end: preprocessor, lexer, parser and resolution. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

#ifndef MFCB_IDL_DIR
#error "build with -DMFCB_IDL_DIR=\"<source>/idl\""
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gen_ctx c;
    char *text = (char *)malloc(size + 1);
    idl_file *root;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = 0;
    ctx_init(&c);
    c.quiet = 1;
    c.confined = 1; /* imports by plain name from idl/ only: no input may make the target read the disk */
    strlist_push(&c.include_dirs, MFCB_IDL_DIR);
    root = sema_load_text(&c, "fuzz.idl", text, size);
    if (root) {
        /* resolution of every parameter, as the model does it */
        const idl_file *f;
        const decl *d;
        for (f = c.files; f; f = f->next)
            for (d = f->decls; d; d = d->next) {
                const method *m;
                if (d->kind != D_INTERFACE)
                    continue;
                for (m = d->methods; m; m = m->next) {
                    const field *p;
                    (void)sema_c_name(&c, m);
                    (void)sema_aggregate_return(&c, m);
                    for (p = m->params; p; p = p->next)
                        (void)sema_param_class(&c, p);
                }
            }
    }
    free(text);
    sema_free(&c);
    ctx_free(&c);
    return 0;
}
