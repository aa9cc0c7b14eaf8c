/* parse.c -- recursive-descent parser for IDL: tokens in, an AST of declarations out, errors recovered. */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "gen.h"

#define MAX_DEPTH 200

typedef struct parser {
    gen_ctx *c;
    idl_file *f;
    lexer lx;
    token tok, peek;
    const char *prev_end; /* end of the last token consumed, for source slices */
    jmp_buf *recover;
    decl **tail;
    int depth;
    int braces; /* '{' consumed and not yet closed, so that recovery skips whole bodies */
} parser;

static void advance(parser *p)
{
    if (p->tok.kind == '{')
        p->braces++;
    else if (p->tok.kind == '}' && p->braces > 0)
        p->braces--;
    p->prev_end = p->tok.text + p->tok.len;
    p->tok = p->peek;
    do
        p->peek = lexer_next(&p->lx);
    while (p->peek.kind == TK_ERROR); /* the lexer reported it already */
}

static int is(const parser *p, int kind) { return p->tok.kind == kind; }

static int is_word(const token *t, const char *w)
{
    return t->kind == TK_IDENT && (int)strlen(w) == t->len && memcmp(t->text, w, (size_t)t->len) == 0;
}

static void describe(const token *t, char *buf, size_t n)
{
    if (t->kind == TK_EOF)
        snprintf(buf, n, "end of file");
    else
        snprintf(buf, n, "'%.*s'", t->len > 40 ? 40 : t->len, t->text);
}

static void fail(parser *p, const char *expected)
{
    char found[64];
    describe(&p->tok, found, sizeof found);
    diag_error(p->c, p->tok.at, "expected %s, found %s", expected, found);
    longjmp(*p->recover, 1);
}

static void fail_at(parser *p, loc at, const char *msg, const char *arg)
{
    diag_error(p->c, at, msg, arg);
    longjmp(*p->recover, 1);
}

static void expect(parser *p, int kind, const char *what)
{
    if (!is(p, kind))
        fail(p, what);
    advance(p);
}

static const char *take_ident(parser *p, const char *what)
{
    const char *s;
    if (!is(p, TK_IDENT))
        fail(p, what);
    s = arena_strndup(p->c, p->tok.text, (size_t)p->tok.len);
    advance(p);
    return s;
}

static void enter(parser *p)
{
    if (++p->depth > MAX_DEPTH)
        fail_at(p, p->tok.at, "nesting deeper than %s levels", "200");
}

static void leave(parser *p) { p->depth--; }

/* Source text from start up to the end of the last consumed token, spaces at both ends trimmed. */
static const char *slice(parser *p, const char *start)
{
    const char *end = p->prev_end;
    if (end < start)
        end = start;
    return arena_strndup(p->c, start, (size_t)(end - start));
}

/* Skips balanced tokens until one of the stop characters at nesting depth 0 (not consumed). */
static void skip_balanced(parser *p, const char *stops)
{
    int depth = 0;
    while (!is(p, TK_EOF)) {
        int k = p->tok.kind;
        if (depth == 0 && k < 256 && strchr(stops, k))
            return;
        if (k == '(' || k == '[' || k == '{')
            depth++;
        else if (k == ')' || k == ']' || k == '}') {
            if (depth == 0)
                return;
            depth--;
        }
        advance(p);
    }
}

/* Error recovery: skips to a ';' or '}' once no more than `level` braces are open (not consumed).
   Parentheses are not trusted here, since the error may be an unbalanced one. */
static void skip_to_end(parser *p, int level)
{
    while (!is(p, TK_EOF) && !(p->braces <= level && (is(p, ';') || is(p, '}'))))
        advance(p);
}

static const char *unquote(parser *p, const token *t)
{
    char *out = (char *)arena_alloc(p->c, (size_t)t->len), *o = out;
    const char *s = t->text + 1, *e = t->text + t->len - 1;
    while (s < e) {
        if (s[0] == '\\' && s + 1 < e && (s[1] == '"' || s[1] == '\\' || s[1] == '\'')) {
            *o++ = s[1];
            s += 2;
        } else
            *o++ = *s++;
    }
    *o = 0;
    return out;
}

/* ---- attributes: keywords only inside [...], every name kept ---- */

static attr *parse_attrs(parser *p)
{
    attr *head = NULL, **tail = &head;
    if (!is(p, '['))
        return NULL;
    advance(p);
    enter(p);
    if (!is(p, ']')) {
        for (;;) {
            attr *a = (attr *)arena_alloc(p->c, sizeof *a);
            a->at = p->tok.at;
            a->name = take_ident(p, "attribute name");
            if (is(p, '(')) {
                const char *args[64];
                loc at[64];
                advance(p);
                for (;;) {
                    const char *start = p->tok.text;
                    loc aat = p->tok.at;
                    if (a->nargs == 64)
                        fail_at(p, p->tok.at, "more than %s attribute arguments", "64");
                    skip_balanced(p, ",)");
                    args[a->nargs] = p->tok.text == start ? "" : slice(p, start);
                    at[a->nargs++] = aat;
                    if (is(p, ','))
                        advance(p);
                    else
                        break;
                }
                expect(p, ')', "')' after attribute arguments");
                a->args = (const char **)arena_alloc(p->c, (size_t)a->nargs * sizeof *a->args);
                a->arg_at = (loc *)arena_alloc(p->c, (size_t)a->nargs * sizeof *a->arg_at);
                memcpy((void *)a->args, args, (size_t)a->nargs * sizeof *args);
                memcpy(a->arg_at, at, (size_t)a->nargs * sizeof *at);
            }
            *tail = a;
            tail = &a->next;
            if (is(p, ','))
                advance(p);
            else
                break;
        }
    }
    leave(p);
    expect(p, ']', "',' or ']' in attribute list");
    return head;
}

const attr *attr_find(const attr *a, const char *name)
{
    for (; a; a = a->next)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

/* ---- types ---- */

static const char *const builtin_words[] = {"void",    "char",    "short",   "int",     "long",     "signed",
                                            "unsigned", "float",  "double",  "hyper",   "small",    "boolean",
                                            "byte",    "wchar_t", "__int8",  "__int16", "__int32",  "__int64",
                                            "__int3264", NULL};

static int is_builtin_word(const token *t)
{
    int i;
    for (i = 0; builtin_words[i]; i++)
        if (is_word(t, builtin_words[i]))
            return 1;
    return 0;
}

static field *parse_fields(parser *p);
static void parse_declarator(parser *p, field *d, const type *base, int need_name);

static void parse_enum_body(parser *p, type *t)
{
    field **tail = &t->body;
    expect(p, '{', "'{'");
    t->has_body = 1;
    while (!is(p, '}')) {
        field *e = (field *)arena_alloc(p->c, sizeof *e);
        e->at = p->tok.at;
        e->attrs = parse_attrs(p);
        e->name = take_ident(p, "enumerator name");
        if (is(p, '=')) {
            const char *start;
            advance(p);
            start = p->tok.text;
            skip_balanced(p, ",}");
            if (p->tok.text == start)
                fail(p, "value after '='");
            e->value = slice(p, start);
        }
        *tail = e;
        tail = &e->next;
        if (!is(p, ','))
            break;
        advance(p);
    }
    expect(p, '}', "',' or '}' after enumerator");
}

static void parse_type(parser *p, type *t)
{
    char words[128];
    size_t wl = 0;
    memset(t, 0, sizeof *t);
    t->at = p->tok.at;
    words[0] = 0;
    for (;;) {
        if (is_word(&p->tok, "const")) {
            t->is_const = 1;
            advance(p);
        } else if (!t->name && !wl &&
                   (is_word(&p->tok, "struct") || is_word(&p->tok, "union") || is_word(&p->tok, "enum"))) {
            t->tag = p->tok.text[0];
            advance(p);
            if (is(p, TK_IDENT))
                t->name = take_ident(p, "tag name");
            if (is(p, '{')) {
                enter(p);
                if (t->tag == 'e')
                    parse_enum_body(p, t);
                else {
                    advance(p);
                    t->has_body = 1;
                    t->body = parse_fields(p);
                    expect(p, '}', "'}' after members");
                }
                leave(p);
            } else if (!t->name)
                fail(p, "tag name or '{'");
            if (!t->name)
                t->name = "";
        } else if (!t->name && is_builtin_word(&p->tok)) {
            if (wl + (size_t)p->tok.len + 2 > sizeof words)
                fail(p, "a shorter type");
            if (wl)
                words[wl++] = ' ';
            memcpy(words + wl, p->tok.text, (size_t)p->tok.len);
            wl += (size_t)p->tok.len;
            words[wl] = 0;
            advance(p);
        } else if (!t->name && !wl && is(p, TK_IDENT)) {
            t->name = take_ident(p, "type name");
        } else
            break;
    }
    if (wl)
        t->name = arena_strndup(p->c, words, wl);
    if (!t->name)
        fail(p, "type");
    while (is(p, '*')) {
        if (t->nptr == TYPE_MAX_PTR)
            fail_at(p, p->tok.at, "more than %s levels of pointers", "8");
        advance(p);
        t->nptr++;
        while (is_word(&p->tok, "const")) {
            t->ptr_const[t->nptr - 1] = 1;
            advance(p);
        }
    }
}

/* name and [N] suffixes after a type; pointers written before the name are added to the copy of base. */
static void parse_declarator(parser *p, field *d, const type *base, int need_name)
{
    const char *dims[32];
    d->t = *base;
    while (is(p, '*')) {
        if (d->t.nptr == TYPE_MAX_PTR)
            fail_at(p, p->tok.at, "more than %s levels of pointers", "8");
        advance(p);
        d->t.nptr++;
        while (is_word(&p->tok, "const")) {
            d->t.ptr_const[d->t.nptr - 1] = 1;
            advance(p);
        }
    }
    d->at = p->tok.at;
    if (is(p, TK_IDENT))
        d->name = take_ident(p, "name");
    else if (need_name)
        fail(p, "name");
    while (is(p, '[')) {
        const char *start;
        advance(p);
        start = p->tok.text;
        if (d->narray == 32)
            fail_at(p, p->tok.at, "more than %s array dimensions", "32");
        skip_balanced(p, "]");
        dims[d->narray++] = p->tok.text == start ? "" : slice(p, start);
        expect(p, ']', "']'");
    }
    if (d->narray) {
        d->array = (const char **)arena_alloc(p->c, (size_t)d->narray * sizeof *d->array);
        memcpy((void *)d->array, dims, (size_t)d->narray * sizeof *dims);
    }
}

static field *parse_fields(parser *p)
{
    field *head = NULL, **tail = &head;
    while (!is(p, '}') && !is(p, TK_EOF)) {
        attr *attrs = parse_attrs(p);
        type t;
        parse_type(p, &t);
        for (;;) {
            field *fl = (field *)arena_alloc(p->c, sizeof *fl);
            fl->attrs = attrs;
            parse_declarator(p, fl, &t, 0);
            *tail = fl;
            tail = &fl->next;
            if (!is(p, ','))
                break;
            advance(p);
        }
        expect(p, ';', "';' after member");
    }
    return head;
}

/* ---- declarations ---- */

static decl *new_decl(parser *p, decl_kind k, loc at, attr *attrs)
{
    decl *d = (decl *)arena_alloc(p->c, sizeof *d);
    d->kind = k;
    d->at = at;
    d->attrs = attrs;
    d->file = p->f;
    return d;
}

static void add(parser *p, decl *d)
{
    *p->tail = d;
    p->tail = &d->next;
}

static method *parse_method(parser *p)
{
    method *m = (method *)arena_alloc(p->c, sizeof *m);
    field **tail = &m->params;
    m->attrs = parse_attrs(p);
    m->at = p->tok.at;
    parse_type(p, &m->ret);
    m->at = p->tok.at;
    m->name = take_ident(p, "method name");
    expect(p, '(', "'(' after method name");
    if (is_word(&p->tok, "void") && p->peek.kind == ')')
        advance(p);
    while (!is(p, ')')) {
        field *prm = (field *)arena_alloc(p->c, sizeof *prm);
        type t;
        prm->attrs = parse_attrs(p);
        parse_type(p, &t);
        parse_declarator(p, prm, &t, 0);
        *tail = prm;
        tail = &prm->next;
        if (!is(p, ','))
            break;
        advance(p);
    }
    expect(p, ')', "',' or ')' in parameter list");
    expect(p, ';', "';' after method");
    return m;
}

static void parse_interface(parser *p, attr *attrs, loc at)
{
    decl *d;
    const char *name;
    advance(p); /* interface */
    name = take_ident(p, "interface name");
    if (is(p, ';')) {
        d = new_decl(p, D_FORWARD, at, attrs);
        d->name = name;
        advance(p);
        add(p, d);
        return;
    }
    d = new_decl(p, D_INTERFACE, at, attrs);
    d->name = name;
    if (is(p, ':')) {
        advance(p);
        d->base_at = p->tok.at;
        d->base = take_ident(p, "base interface name");
    }
    expect(p, '{', "'{' or ';' after interface name");
    add(p, d);
    {
        method **volatile mt = &d->methods;
        jmp_buf here, *outer = p->recover;
        while (!is(p, '}') && !is(p, TK_EOF)) {
            /* A bad method is reported and skipped; the next one is parsed normally. */
            p->recover = &here;
            if (setjmp(here) == 0) {
                *mt = parse_method(p);
                mt = &(*mt)->next;
            } else {
                p->depth = 0;
                skip_to_end(p, 1);
                if (is(p, ';'))
                    advance(p);
            }
        }
        p->recover = outer;
    }
    expect(p, '}', "'}' at end of interface");
    if (is(p, ';'))
        advance(p);
}

static void parse_typedef(parser *p, attr *attrs, loc at)
{
    decl *d = new_decl(p, D_TYPEDEF, at, attrs);
    field **tail = &d->names;
    advance(p); /* typedef */
    {
        attr *more = parse_attrs(p), **a = &d->attrs;
        while (*a)
            a = &(*a)->next;
        *a = more;
    }
    parse_type(p, &d->t);
    for (;;) {
        field *n = (field *)arena_alloc(p->c, sizeof *n);
        parse_declarator(p, n, &d->t, 1);
        *tail = n;
        tail = &n->next;
        if (!is(p, ','))
            break;
        advance(p);
    }
    expect(p, ';', "';' after typedef");
    d->name = d->names->name;
    add(p, d);
}

static void parse_decl(parser *p)
{
    loc at = p->tok.at;
    attr *attrs = parse_attrs(p);

    if (is_word(&p->tok, "interface")) {
        parse_interface(p, attrs, at);
    } else if (is_word(&p->tok, "typedef")) {
        parse_typedef(p, attrs, at);
    } else if (attrs) {
        fail(p, "'interface' or 'typedef' after attributes");
    } else if (is_word(&p->tok, "import")) {
        advance(p);
        for (;;) {
            decl *d = new_decl(p, D_IMPORT, p->tok.at, NULL);
            if (!is(p, TK_STRING))
                fail(p, "file name string after 'import'");
            d->name = unquote(p, &p->tok);
            advance(p);
            add(p, d);
            if (!is(p, ','))
                break;
            advance(p);
        }
        expect(p, ';', "';' after import");
    } else if (is_word(&p->tok, "cpp_quote")) {
        decl *d = new_decl(p, D_CPP_QUOTE, at, NULL);
        advance(p);
        expect(p, '(', "'(' after cpp_quote");
        if (!is(p, TK_STRING))
            fail(p, "string in cpp_quote");
        d->name = unquote(p, &p->tok);
        advance(p);
        expect(p, ')', "')' after cpp_quote string");
        if (is(p, ';'))
            advance(p);
        add(p, d);
    } else if (is_word(&p->tok, "struct") || is_word(&p->tok, "enum") || is_word(&p->tok, "union")) {
        decl *d = new_decl(p, D_TYPE, at, NULL);
        parse_type(p, &d->t);
        if (!d->t.has_body || d->t.nptr)
            fail(p, "a type body");
        expect(p, ';', "';' after type declaration");
        d->name = d->t.name;
        add(p, d);
    } else if (is(p, ';')) {
        advance(p);
    } else {
        fail(p, "declaration");
    }
}

void parse_file(gen_ctx *c, idl_file *f, const char *buf, size_t len)
{
    parser p;
    jmp_buf top;
    memset(&p, 0, sizeof p);
    p.c = c;
    p.f = f;
    p.tail = &f->decls;
    lexer_init(&p.lx, c, f->name, buf, len);
    p.tok = lexer_next(&p.lx);
    while (p.tok.kind == TK_ERROR)
        p.tok = lexer_next(&p.lx);
    p.peek = p.tok;
    advance(&p);
    p.prev_end = p.tok.text;
    while (!is(&p, TK_EOF)) {
        p.recover = &top;
        if (setjmp(top) == 0) {
            parse_decl(&p);
        } else {
            /* Resynchronise at the end of the broken declaration: its ';' or its closing '}'. */
            p.depth = 0;
            skip_to_end(&p, 0);
            if (!is(&p, TK_EOF))
                advance(&p);
        }
    }
}
