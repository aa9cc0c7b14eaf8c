/* test_front.c -- lexer and parser on small inputs, with exact tokens, locations and AST shapes. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gen.h"

static int tok_is(token t, int kind, const char *text, int line, int col)
{
    return t.kind == kind && t.len == (int)strlen(text) && memcmp(t.text, text, (size_t)t.len) == 0 &&
           t.at.line == line && t.at.col == col;
}

static void test_lexer(void)
{
    static const char src[] = "interface IA : IUnknown /* two\nlines */ {\n"
                              "  uuid(deec8d99-fa1d-4d82-84c2-2c8969944867) 0x1fL 42 \"s\\\"q\" 'c' << >> ;\n"
                              "# 100 \"other.idl\"\n"
                              "last // comment\n";
    gen_ctx c;
    lexer lx;
    ctx_init(&c);
    lexer_init(&lx, &c, "t.idl", src, sizeof src - 1);
    CHECK(tok_is(lexer_next(&lx), TK_IDENT, "interface", 1, 1));
    CHECK(tok_is(lexer_next(&lx), TK_IDENT, "IA", 1, 11));
    CHECK(tok_is(lexer_next(&lx), ':', ":", 1, 14));
    CHECK(tok_is(lexer_next(&lx), TK_IDENT, "IUnknown", 1, 16));
    CHECK(tok_is(lexer_next(&lx), '{', "{", 2, 10));
    CHECK(tok_is(lexer_next(&lx), TK_IDENT, "uuid", 3, 3));
    CHECK(tok_is(lexer_next(&lx), '(', "(", 3, 7));
    CHECK(tok_is(lexer_next(&lx), TK_UUID, "deec8d99-fa1d-4d82-84c2-2c8969944867", 3, 8));
    CHECK(tok_is(lexer_next(&lx), ')', ")", 3, 44));
    CHECK(tok_is(lexer_next(&lx), TK_NUMBER, "0x1fL", 3, 46));
    CHECK(tok_is(lexer_next(&lx), TK_NUMBER, "42", 3, 52));
    CHECK(tok_is(lexer_next(&lx), TK_STRING, "\"s\\\"q\"", 3, 55));
    CHECK(tok_is(lexer_next(&lx), TK_CHAR, "'c'", 3, 62));
    CHECK(tok_is(lexer_next(&lx), TK_SHL, "<<", 3, 66));
    CHECK(tok_is(lexer_next(&lx), TK_SHR, ">>", 3, 69));
    CHECK(tok_is(lexer_next(&lx), ';', ";", 3, 72));
    {
        token t = lexer_next(&lx); /* after the line marker: other.idl line 100 */
        CHECK(tok_is(t, TK_IDENT, "last", 100, 1));
        CHECK(strcmp(t.at.file, "other.idl") == 0);
    }
    CHECK(lexer_next(&lx).kind == TK_EOF);
    CHECK(c.errors == 0);
    ctx_free(&c);
}

/* Parses src as t.idl into f with a fresh c, and checks it parsed without error; ctx_free(c) after. */
static void parse_text(gen_ctx *c, idl_file *f, const char *src, size_t len)
{
    ctx_init(c);
    memset(f, 0, sizeof *f);
    f->name = f->path = "t.idl";
    parse_file(c, f, src, len);
    CHECK(c->errors == 0);
}

static void test_parser(void)
{
    static const char src[] =
        "import \"a.idl\", \"b.idl\";\n"
        "cpp_quote(\"#include \\\"x.h\\\"\")\n"
        "interface IFwd;\n"
        "typedef [v1_enum] enum E { E_A = 1, E_B = E_A << 2, E_C } E, *PE;\n"
        "typedef const unsigned long *const ULP;\n"
        "[object, uuid(11111111-2222-3333-4444-555555555555), local, my_attr(x, (1, 2))]\n"
        "interface IA : IBase\n"
        "{\n"
        "    HRESULT M([in] DWORD n, [in, size_is(n)] const BYTE *buf, [out] IFwd **pp, [in, mfcb_cookie] void *ctx);\n"
        "    ULONG N(void) = 0;\n"
        "}\n";
    gen_ctx c;
    idl_file f;
    decl *d;
    method *m;
    field *p;
    const attr *a;
    parse_text(&c, &f, src, sizeof src - 1);
    d = f.decls;
    CHECK(d->kind == D_IMPORT && strcmp(d->name, "a.idl") == 0);
    d = d->next;
    CHECK(d->kind == D_IMPORT && strcmp(d->name, "b.idl") == 0);
    d = d->next;
    CHECK(d->kind == D_CPP_QUOTE && strcmp(d->name, "#include \"x.h\"") == 0);
    d = d->next;
    CHECK(d->kind == D_FORWARD && strcmp(d->name, "IFwd") == 0);
    d = d->next;
    CHECK(d->kind == D_TYPEDEF && d->t.tag == 'e' && strcmp(d->t.name, "E") == 0 && attr_find(d->attrs, "v1_enum"));
    CHECK(strcmp(d->t.body->name, "E_A") == 0 && strcmp(d->t.body->value, "1") == 0);
    CHECK(strcmp(d->t.body->next->value, "E_A << 2") == 0 && d->t.body->next->next->value == NULL);
    CHECK(strcmp(d->names->name, "E") == 0 && d->names->t.nptr == 0);
    CHECK(strcmp(d->names->next->name, "PE") == 0 && d->names->next->t.nptr == 1);
    d = d->next;
    CHECK(d->kind == D_TYPEDEF && strcmp(d->t.name, "unsigned long") == 0 && d->t.is_const && d->t.nptr == 1 &&
          d->t.ptr_const[0] && strcmp(d->name, "ULP") == 0);
    d = d->next;
    CHECK(d->kind == D_INTERFACE && strcmp(d->name, "IA") == 0 && strcmp(d->base, "IBase") == 0);
    CHECK(d->at.line == 6 && d->at.col == 1 && d->base_at.line == 7 && d->base_at.col == 16);
    a = attr_find(d->attrs, "uuid");
    CHECK(a && a->nargs == 1 && strcmp(a->args[0], "11111111-2222-3333-4444-555555555555") == 0);
    a = attr_find(d->attrs, "my_attr"); /* unknown attributes are kept with their arguments */
    CHECK(a && a->nargs == 2 && strcmp(a->args[0], "x") == 0 && strcmp(a->args[1], "(1, 2)") == 0);
    m = d->methods;
    CHECK(strcmp(m->name, "M") == 0 && strcmp(m->ret.name, "HRESULT") == 0);
    p = m->params;
    CHECK(strcmp(p->name, "n") == 0 && attr_find(p->attrs, "in") && strcmp(p->t.name, "DWORD") == 0);
    p = p->next;
    a = attr_find(p->attrs, "size_is");
    CHECK(strcmp(p->name, "buf") == 0 && p->t.is_const && p->t.nptr == 1 && a && strcmp(a->args[0], "n") == 0);
    p = p->next;
    CHECK(strcmp(p->name, "pp") == 0 && attr_find(p->attrs, "out") && p->t.nptr == 2);
    p = p->next;
    CHECK(strcmp(p->name, "ctx") == 0 && attr_find(p->attrs, "mfcb_cookie") && strcmp(p->t.name, "void") == 0);
    CHECK(p->next == NULL);
    m = m->next;
    CHECK(strcmp(m->name, "N") == 0 && m->params == NULL && m->next == NULL);
    CHECK(d->next == NULL);
    ctx_free(&c);
}

static void test_pp(void)
{
    static const char src[] = "#define TWO 2\n"
                              "#define ADD(a, b) ((a) + (b))\n"
                              "#define STR(x) #x\n"
                              "#define CAT(a, b) a ## b\n"
                              "#if defined(TWO) && TWO * 3 == 6 && !defined NOPE\n"
                              "yes ADD(TWO, 1) STR(a \"b\") CAT(x, y) \"TWO\" /* TWO */\n"
                              "#elif 1\n"
                              "no1\n"
                              "#else\n"
                              "no2\n"
                              "#endif\n"
                              "#ifdef __WIDL__\n"
                              "widl __midl _WIN32\n"
                              "#endif\n"
                              "#undef TWO\n"
                              "TWO\n";
    static const char want[] = "# 1 \"p.idl\"\n"
                               "\n\n\n\n\n"
                               "yes ((2) + (1)) \"a \\\"b\\\"\" xy \"TWO\" /* TWO */\n"
                               "\n\n\n\n\n\n"
                               "widl 501 1\n"
                               "\n\n"
                               "TWO\n";
    gen_ctx c;
    size_t n;
    char *out;
    ctx_init(&c);
    out = pp_run(pp_new(&c), "p.idl", src, sizeof src - 1, &n);
    if (strcmp(out, want) != 0)
        fprintf(stderr, "pp output:\n%s---\n", out);
    CHECK(strcmp(out, want) == 0 && c.errors == 0);
    free(out);
    ctx_free(&c);
}

/* A file that includes itself through another, guarded: legal C, read twice, expanded once. */
static void test_pp_reinclude(void)
{
    static const char src[] = "#include \"pp_guard_a.h\"\nA B\n";
    FILE *f;
    gen_ctx c;
    size_t n;
    char *out;
    CHECK((f = fopen("pp_guard_a.h", "w")) != NULL);
    fputs("#ifndef A_H\n#define A_H\n#include \"pp_guard_b.h\"\n#define A a\n#endif\n", f);
    fclose(f);
    CHECK((f = fopen("pp_guard_b.h", "w")) != NULL);
    fputs("#include \"pp_guard_a.h\"\n#define B b\n", f);
    fclose(f);
    ctx_init(&c);
    out = pp_run(pp_new(&c), "./p.idl", src, sizeof src - 1, &n);
    CHECK(c.errors == 0 && strstr(out, "\na b\n") != NULL);
    free(out);
    ctx_free(&c);
    remove("pp_guard_a.h");
    remove("pp_guard_b.h");
}

/* Doc comments: the one just before an interface, a method or a parameter is theirs (before or after the
   attributes); plain comments, banners of stars and empty comments are not docs; a doc comment is kept
   for the next token only. */
static void test_doc_comments(void)
{
    static const char src[] =
        "/** the interface */\n"
        "[object, uuid(11111111-2222-3333-4444-555555555555)]\n"
        "interface IA : IUnknown\n"
        "{\n"
        "    /** first\n     * second */\n"
        "    HRESULT M(/** the n */ [in] DWORD n, [in] /** the m */ DWORD m, /* plain */ [in] DWORD k);\n"
        "    /*** banner */\n"
        "    HRESULT N([in] DWORD a /** the comma's: nobody's */, [in] DWORD b);\n"
        "    [local] /** after attributes */ HRESULT O();\n"
        "    /**/ HRESULT P();\n"
        "}\n"
        "/** dangling */ [object, uuid(11111111-2222-3333-4444-555555555556)] interface IB : IUnknown { }\n";
    gen_ctx c;
    idl_file f;
    const decl *d;
    const method *m;
    parse_text(&c, &f, src, sizeof src - 1);
    d = f.decls;
    CHECK(d && d->kind == D_INTERFACE && d->doc && strcmp(d->doc, " the interface ") == 0);
    m = d->methods;
    CHECK(m && m->doc && strcmp(m->doc, " first\n     * second ") == 0);
    CHECK(m->params->doc && strcmp(m->params->doc, " the n ") == 0);
    CHECK(m->params->next->doc && strcmp(m->params->next->doc, " the m ") == 0);
    CHECK(m->params->next->next->doc == NULL);
    m = m->next;
    CHECK(m && m->doc == NULL && m->params->doc == NULL);
    CHECK(m->params->next->doc == NULL);
    m = m->next;
    CHECK(m && m->doc && strcmp(m->doc, " after attributes ") == 0);
    m = m->next;
    CHECK(m && m->doc == NULL);
    d = d->next;
    CHECK(d && d->kind == D_INTERFACE && d->doc && strcmp(d->doc, " dangling ") == 0);
    ctx_free(&c);
}

int main(void)
{
    test_pp();
    test_pp_reinclude();
    test_lexer();
    test_parser();
    test_doc_comments();
    puts("front end: ok");
    return 0;
}
