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
    const char *ns; /* the WinRT namespace being parsed, or NULL */
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

/* The doc comment written just before the current token, or else the one given. */
static const char *doc_here(parser *p, const char *before)
{
    return p->tok.doc ? arena_strndup(p->c, p->tok.doc, (size_t)p->tok.doc_len) : before;
}

static int is_word(const token *t, const char *w)
{
    return t->kind == TK_IDENT && t->text[0] == w[0] && strncmp(t->text, w, (size_t)t->len) == 0 &&
           w[t->len] == 0;
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

/* The end of a method declaration: ';', or '= 0;' as C++ writes a pure method (widl takes it too). */
static void end_method(parser *p)
{
    if (is(p, '=')) {
        advance(p);
        if (!is(p, TK_NUMBER) || p->tok.len != 1 || p->tok.text[0] != '0')
            fail(p, "'0' after '=' in a method declaration");
        advance(p);
    }
    expect(p, ';', "';' after method");
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

/* The source text of an expression up to one of stops (not consumed); an empty one is an error. */
static const char *expr_text(parser *p, const char *stops, const char *what)
{
    const char *start = p->tok.text;
    skip_balanced(p, stops);
    if (p->tok.text == start)
        fail(p, what);
    return slice(p, start);
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
    /* [a][b] is [a, b]; empty entries ([, object]) are allowed, as widl does */
    while (is(p, '[')) {
        advance(p);
        enter(p);
        for (;;) {
            attr *a;
            while (is(p, ','))
                advance(p);
            if (is(p, ']'))
                break;
            a = (attr *)arena_alloc(p->c, sizeof *a);
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
            if (!is(p, ','))
                break;
        }
        leave(p);
        expect(p, ']', "',' or ']' in attribute list");
    }
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

/* Whether the builtin words of one type (space-separated, as gathered) make a type C and MIDL have: at
   most one base word (void, char, int, float, double, hyper, small, boolean, byte, wchar_t, __intN), with
   signed or unsigned only on an integer base, short or one or two longs only with int (or alone), long
   alone before double, and no word twice but long. */
static int builtin_words_valid(const char *words)
{
    static const char *const bases[] = {"void", "char", "int", "float", "double", "hyper", "small", "boolean",
                                        "byte", "wchar_t", "__int8", "__int16", "__int32", "__int64",
                                        "__int3264", NULL};
    const char *base = NULL, *w = words;
    int nbase = 0, sign = 0, shorts = 0, longs = 0, i;
    while (*w) {
        size_t n = strcspn(w, " ");
        if (n == 6 && strncmp(w, "signed", n) == 0)
            sign++;
        else if (n == 8 && strncmp(w, "unsigned", n) == 0)
            sign++;
        else if (n == 5 && strncmp(w, "short", n) == 0)
            shorts++;
        else if (n == 4 && strncmp(w, "long", n) == 0)
            longs++;
        else
            for (i = 0; bases[i]; i++)
                if (strlen(bases[i]) == n && strncmp(w, bases[i], n) == 0) {
                    base = bases[i];
                    nbase++;
                }
        w += n + (w[n] == ' ');
    }
    if (nbase > 1 || sign > 1 || shorts > 1 || longs > 2 || (shorts && longs))
        return 0;
    if (!base)
        return 1; /* signed, unsigned, short, long, long long, with or without a sign */
    if (strcmp(base, "int") == 0)
        return 1;
    if (strcmp(base, "double") == 0)
        return !sign && !shorts && longs <= 1;
    if (shorts || longs)
        return 0;
    if (sign) /* the integer bases a sign may go with */
        return strcmp(base, "char") == 0 || strcmp(base, "hyper") == 0 || strcmp(base, "small") == 0 ||
               strncmp(base, "__int", 5) == 0;
    return 1;
}

/* Words a declarator may carry that say nothing about the type: calling conventions and old pointer
   qualifiers. */
static const char *const ignored_words[] = {"__stdcall", "_stdcall", "__cdecl", "_cdecl", "__fastcall",
                                            "__pascal", "WINAPI", "CALLBACK", "STDMETHODCALLTYPE", "APIENTRY",
                                            "NTAPI", "RPC_ENTRY", "__RPC_FAR", "__RPC_USER", "__RPC_STUB",
                                            "__RPC_API", "__far", "__near", "__export", "volatile", NULL};

/* A calling convention among the ignored words, as widl spells it in the headers it writes (_stdcall is
   __stdcall); the other words are macros, kept as written. NULL for an ignored word that is none. */
static const char *callconv_name(const token *t)
{
    static const char *const conv[] = {"__stdcall", "__cdecl", "__fastcall", "__pascal", "WINAPI", "CALLBACK",
                                       "STDMETHODCALLTYPE", "APIENTRY", "NTAPI", "RPC_ENTRY", NULL};
    int i;
    if (is_word(t, "_stdcall"))
        return "__stdcall";
    if (is_word(t, "_cdecl"))
        return "__cdecl";
    for (i = 0; conv[i]; i++)
        if (is_word(t, conv[i]))
            return conv[i];
    return NULL;
}

/* Only identifiers can be in these lists, and their first letters are few: check those before comparing. */
static int in_list(const token *t, const char *const *list)
{
    int i;
    if (t->kind != TK_IDENT)
        return 0;
    for (i = 0; list[i]; i++)
        if (list[i][0] == t->text[0] && is_word(t, list[i]))
            return 1;
    return 0;
}

/* Skips WinRT generic arguments <...>, nested, where '>>' closes two; returns the text consumed. */
static const char *skip_generic(parser *p)
{
    const char *start = p->tok.text;
    int depth = 0;
    do {
        if (is(p, '<'))
            depth++;
        else if (is(p, '>'))
            depth--;
        else if (is(p, TK_SHR))
            depth -= 2;
        else if (is(p, TK_EOF) || is(p, ';') || is(p, '{'))
            fail(p, "'>' closing the generic arguments");
        advance(p);
    } while (depth > 0);
    return slice(p, start);
}

/* NAME, or WinRT's Dotted.Name, or Name<args>: the text as written. */
static const char *take_qualified(parser *p, const char *what)
{
    const char *start = p->tok.text;
    int dotted = 0;
    take_ident(p, what);
    while (is(p, '.') && p->peek.kind == TK_IDENT) {
        advance(p);
        advance(p);
        dotted = 1;
    }
    if (is(p, '<')) {
        skip_generic(p);
        dotted = 1;
    }
    return dotted ? slice(p, start) : arena_strndup(p->c, start, (size_t)(p->prev_end - start));
}

static field *parse_fields(parser *p);
static void parse_declarator(parser *p, field *d, const type *base, int need_name);
static field *parse_params(parser *p, int *varargs);

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
            advance(p);
            e->value = expr_text(p, ",}", "value after '='");
        }
        *tail = e;
        tail = &e->next;
        if (!is(p, ','))
            break;
        advance(p);
    }
    expect(p, '}', "',' or '}' after enumerator");
}

/* Consumes one ignored word, keeping it in t when it is a calling convention. */
static void skip_ignored(parser *p, type *t)
{
    const char *cc = callconv_name(&p->tok);
    if (cc)
        t->callconv = cc;
    advance(p);
}

static void pointers(parser *p, type *t)
{
    for (;;) {
        if (is(p, '*')) {
            if (t->nptr == TYPE_MAX_PTR)
                fail_at(p, p->tok.at, "more than %s levels of pointers", "8");
            advance(p);
            t->nptr++;
        } else if (is_word(&p->tok, "const") && t->nptr > 0) {
            t->ptr_const[t->nptr - 1] = 1;
            advance(p);
        } else if (in_list(&p->tok, ignored_words)) {
            skip_ignored(p, t);
        } else
            return;
    }
}

static void parse_type(parser *p, type *t)
{
    char words[128];
    size_t wl = 0;
    loc words_at = p->tok.at;
    memset(t, 0, sizeof *t);
    t->at = p->tok.at;
    words[0] = 0;
    for (;;) {
        if (is_word(&p->tok, "const")) {
            t->is_const = 1;
            advance(p);
        } else if (in_list(&p->tok, ignored_words)) {
            skip_ignored(p, t);
        } else if (!t->name && !wl &&
                   (is_word(&p->tok, "struct") || is_word(&p->tok, "union") || is_word(&p->tok, "enum"))) {
            t->tag = p->tok.text[0];
            advance(p);
            if (is(p, TK_IDENT) && !(t->tag == 'u' && is_word(&p->tok, "switch")))
                t->name = take_ident(p, "tag name");
            if (t->tag == 'u' && is_word(&p->tok, "switch")) {
                /* encapsulated union: union [tag] switch (T name) [arm] { case ...: ... } */
                type st;
                advance(p);
                expect(p, '(', "'(' after switch");
                parse_type(p, &st);
                t->sw = (field *)arena_alloc(p->c, sizeof *t->sw);
                parse_declarator(p, t->sw, &st, 1);
                expect(p, ')', "')' after the switch discriminant");
                if (is(p, TK_IDENT))
                    t->sw_arm = take_ident(p, "union name");
                if (!is(p, '{'))
                    fail(p, "'{' after union switch");
            }
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
        } else if (!t->name && is_word(&p->tok, "SAFEARRAY") && p->peek.kind == '(') {
            /* SAFEARRAY(T) is a SAFEARRAY pointer whatever T is */
            type elem;
            advance(p);
            advance(p);
            enter(p);
            parse_type(p, &elem);
            leave(p);
            expect(p, ')', "')' after SAFEARRAY element type");
            t->name = "SAFEARRAY";
            t->nptr = 1;
        } else if (!t->name && in_list(&p->tok, builtin_words)) {
            if (wl + (size_t)p->tok.len + 2 > sizeof words)
                fail(p, "a shorter type");
            if (wl)
                words[wl++] = ' ';
            else
                words_at = p->tok.at;
            memcpy(words + wl, p->tok.text, (size_t)p->tok.len);
            wl += (size_t)p->tok.len;
            words[wl] = 0;
            advance(p);
        } else if (!t->name && !wl && is(p, TK_IDENT)) {
            t->name = take_qualified(p, "type name");
        } else
            break;
    }
    if (wl) {
        if (!builtin_words_valid(words))
            fail_at(p, words_at, "'%s' is not a type", words);
        t->name = arena_strndup(p->c, words, wl);
    }
    if (!t->name)
        fail(p, "type");
    pointers(p, t);
}

/* What follows a type: pointers, the name (or a parenthesised function-pointer declarator), array
   dimensions, a parameter list, a bitfield width. */
static void parse_declarator(parser *p, field *d, const type *base, int need_name)
{
    const char *dims[32];
    d->t = *base;
    pointers(p, &d->t);
    d->at = p->tok.at;
    if (is(p, '(') && (p->peek.kind == '*' || in_list(&p->peek, ignored_words))) {
        /* (CALLCONV *name)(params) or (*name)[N] */
        type inner;
        memset(&inner, 0, sizeof inner);
        advance(p);
        enter(p);
        pointers(p, &inner);
        d->fn_nptr = inner.nptr;
        d->fn_callconv = inner.callconv;
        d->at = p->tok.at;
        if (is(p, TK_IDENT))
            d->name = take_ident(p, "name");
        else if (need_name)
            fail(p, "name");
        leave(p);
        expect(p, ')', "')' in declarator");
        if (is(p, '(')) {
            d->is_func = 1;
            d->fn_params = parse_params(p, &d->varargs);
        } else
            d->t.nptr += d->fn_nptr, d->fn_nptr = 0;
    } else if (is(p, TK_IDENT)) {
        d->name = take_ident(p, "name");
    } else if (need_name)
        fail(p, "name");
    while (is(p, '[')) {
        const char *start;
        advance(p);
        start = p->tok.text;
        if (d->narray == 32)
            fail_at(p, p->tok.at, "more than %s array dimensions", "32");
        skip_balanced(p, "]");
        /* [*] is IDL's conformant array, as [] is: C allows '*' there only in prototypes */
        dims[d->narray] = p->tok.text == start ? "" : slice(p, start);
        if (strcmp(dims[d->narray], "*") == 0)
            dims[d->narray] = "";
        d->narray++;
        expect(p, ']', "']'");
    }
    if (d->narray) {
        d->array = (const char **)arena_alloc(p->c, (size_t)d->narray * sizeof *d->array);
        memcpy((void *)d->array, dims, (size_t)d->narray * sizeof *dims);
    }
    if (is(p, '(') && !d->is_func && d->name) {
        d->is_func = 1;
        d->fn_params = parse_params(p, &d->varargs);
    }
    if (is(p, ':')) {
        advance(p);
        d->bits = expr_text(p, ",;}", "bitfield width");
    }
}

/* ( [void] | param {, param} [, ...] ) */
static field *parse_params(parser *p, int *varargs)
{
    field *head = NULL, **tail = &head;
    expect(p, '(', "'('");
    enter(p);
    if (is_word(&p->tok, "void") && p->peek.kind == ')')
        advance(p);
    while (!is(p, ')')) {
        field *prm;
        type t;
        if (is(p, '.')) {
            advance(p);
            expect(p, '.', "'...'");
            expect(p, '.', "'...'");
            *varargs = 1;
            break;
        }
        prm = (field *)arena_alloc(p->c, sizeof *prm);
        prm->doc = doc_here(p, NULL);
        prm->attrs = parse_attrs(p);
        prm->doc = doc_here(p, prm->doc);
        parse_type(p, &t);
        parse_declarator(p, prm, &t, 0);
        *tail = prm;
        tail = &prm->next;
        if (!is(p, ','))
            break;
        advance(p);
    }
    leave(p);
    expect(p, ')', "',' or ')' in parameter list");
    return head;
}

static field *parse_fields(parser *p)
{
    field *head = NULL, **tail = &head;
    while (!is(p, '}') && !is(p, TK_EOF)) {
        attr *attrs;
        type t;
        /* case labels of an encapsulated union */
        if (is_word(&p->tok, "case")) {
            advance(p);
            skip_balanced(p, ":");
            expect(p, ':', "':' after case value");
            continue;
        }
        if (is_word(&p->tok, "default") && p->peek.kind == ':') {
            advance(p);
            advance(p);
            continue;
        }
        attrs = parse_attrs(p);
        if (is(p, ';')) { /* an empty arm: [default] ; */
            advance(p);
            continue;
        }
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
    d->ns = p->ns;
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

static attr *append_attrs(attr *a, attr *more)
{
    attr **t = &a;
    while (*t)
        t = &(*t)->next;
    *t = more;
    return a;
}

/* A method, or a function outside an interface: [attrs] type declarator(params) ; */
static method *parse_method(parser *p, attr *attrs)
{
    method *m = (method *)arena_alloc(p->c, sizeof *m);
    field d;
    memset(&d, 0, sizeof d);
    m->attrs = attrs;
    m->at = p->tok.at;
    parse_type(p, &m->ret);
    m->at = p->tok.at;
    if (!is(p, TK_IDENT) && !is(p, '('))
        fail(p, "method name");
    parse_declarator(p, &d, &m->ret, 1);
    if (!d.is_func || d.fn_nptr)
        fail(p, "'(' after method name");
    m->ret = d.t;
    m->callconv = d.t.callconv;
    m->ret.callconv = NULL;
    m->name = d.name;
    m->params = d.fn_params;
    m->varargs = d.varargs;
    end_method(p);
    return m;
}

static void parse_typedef(parser *p, attr *attrs, loc at)
{
    decl *d = new_decl(p, D_TYPEDEF, at, attrs);
    field **tail = &d->names;
    advance(p); /* typedef */
    d->attrs = append_attrs(d->attrs, parse_attrs(p));
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

/* After "const T declarator": '= value' makes a constant; '(' params made it a function; ';' alone is an
   extern declaration. Returns the method for the function case. */
static method *parse_const(parser *p, attr *attrs, loc at, int is_extern)
{
    decl *d = new_decl(p, D_CONST, at, attrs);
    field *n = (field *)arena_alloc(p->c, sizeof *n);
    type t;
    parse_type(p, &t); /* takes the const */
    parse_declarator(p, n, &t, 1);
    if (n->is_func && !n->fn_nptr) {
        method *m = (method *)arena_alloc(p->c, sizeof *m);
        m->attrs = attrs;
        m->at = n->at;
        m->ret = n->t;
        m->name = n->name;
        m->params = n->fn_params;
        m->varargs = n->varargs;
        end_method(p);
        return m;
    }
    d->t = t;
    d->names = n;
    d->name = n->name;
    if (is(p, '=') && !is_extern) {
        advance(p);
        n->value = expr_text(p, ";", "value of const");
    } else {
        d->kind = D_OTHER; /* extern const T NAME; declares a variable defined in C */
    }
    expect(p, ';', "';' after const");
    add(p, d);
    return NULL;
}

/* struct X { ... }; on its own (added as a declaration), or a method or function returning a struct, enum
   or union type (returned). */
static method *parse_tagged(parser *p, attr *attrs, loc at)
{
    decl *d = new_decl(p, D_TYPE, at, attrs);
    field n;
    method *m;
    parse_type(p, &d->t);
    if (is(p, ';') && !d->t.nptr) {
        advance(p);
        d->name = d->t.name;
        if (d->t.has_body)
            add(p, d);
        return NULL;
    }
    memset(&n, 0, sizeof n);
    parse_declarator(p, &n, &d->t, 1);
    if (!n.is_func || n.fn_nptr)
        fail(p, "';' after type declaration");
    end_method(p);
    m = (method *)arena_alloc(p->c, sizeof *m);
    m->attrs = attrs;
    m->at = n.at;
    m->ret = n.t;
    m->name = n.name;
    m->params = n.fn_params;
    m->varargs = n.varargs;
    return m;
}

typedef enum scope { S_FILE, S_INTERFACE, S_LIBRARY, S_MODULE } scope;

static void skip_body(parser *p);
static void skip_decl_end(parser *p);

static void parse_items(parser *p, scope sc);

static void parse_interface(parser *p, attr *attrs, loc at, const char *doc)
{
    decl *d;
    const char *name;
    doc = doc_here(p, doc);
    advance(p); /* interface */
    name = take_ident(p, "interface name");
    if (is(p, '<')) {
        /* a WinRT generic interface is a template: no vtable until instantiated, so it is only a name */
        d = new_decl(p, D_COCLASS, at, attrs);
        d->name = name;
        skip_generic(p);
        if (is(p, ':')) {
            advance(p);
            take_qualified(p, "base interface name");
        }
        if (is_word(&p->tok, "requires"))
            skip_balanced(p, "{;");
        skip_decl_end(p);
        add(p, d);
        return;
    }
    if (is(p, ';')) {
        d = new_decl(p, D_FORWARD, at, attrs);
        d->name = name;
        advance(p);
        add(p, d);
        return;
    }
    d = new_decl(p, D_INTERFACE, at, attrs);
    d->name = name;
    d->doc = doc;
    if (is(p, ':')) {
        advance(p);
        d->base_at = p->tok.at;
        d->base = take_qualified(p, "base interface name");
    }
    if (is_word(&p->tok, "requires")) /* WinRT: interfaces an implementation must also provide */
        skip_balanced(p, "{;");
    expect(p, '{', "'{' or ';' after interface name");
    {
        /* Methods go to the interface; typedefs, consts and cpp_quotes inside it go to the file, ahead of
           the interface, as widl writes them. */
        method **volatile mt = &d->methods;
        jmp_buf here, *outer = p->recover;
        while (!is(p, '}') && !is(p, TK_EOF)) {
            p->recover = &here;
            if (setjmp(here) == 0) {
                loc iat = p->tok.at;
                const char *mdoc = doc_here(p, NULL);
                attr *a = parse_attrs(p);
                mdoc = doc_here(p, mdoc);
                if (is_word(&p->tok, "typedef"))
                    parse_typedef(p, a, iat);
                else if (is_word(&p->tok, "const")) {
                    method *m = parse_const(p, a, iat, 0);
                    if (m) {
                        *mt = m;
                        mt = &m->next;
                    }
                } else if (is_word(&p->tok, "struct") || is_word(&p->tok, "union") || is_word(&p->tok, "enum")) {
                    method *m = parse_tagged(p, a, iat);
                    if (m) {
                        *mt = m;
                        mt = &m->next;
                    }
                } else if (is_word(&p->tok, "cpp_quote") || is_word(&p->tok, "midl_pragma") ||
                           is_word(&p->tok, "import") || is(p, ';')) {
                    if (a)
                        fail(p, "a method after attributes");
                    if (is(p, ';'))
                        advance(p);
                    else
                        parse_items(p, S_INTERFACE);
                } else {
                    *mt = parse_method(p, a);
                    (*mt)->doc = mdoc;
                    mt = &(*mt)->next;
                }
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
    add(p, d);
}

/* The end of a declaration whose body is not modelled: ';' alone, or a { ... } body and an optional ';'. */
static void skip_decl_end(parser *p)
{
    if (is(p, ';')) {
        advance(p);
        return;
    }
    skip_body(p);
    if (is(p, ';'))
        advance(p);
}

/* Skips a balanced { ... } body (its contents are not modelled). */
static void skip_body(parser *p)
{
    expect(p, '{', "'{'");
    enter(p);
    skip_balanced(p, "");
    leave(p);
    expect(p, '}', "'}'");
}

/* One declaration of the file, a library or a module; S_INTERFACE parses a single non-method item. */
static void parse_item(parser *p, scope sc)
{
    loc at = p->tok.at;
    const char *doc = doc_here(p, NULL);
    attr *attrs = parse_attrs(p);

    if (is_word(&p->tok, "interface")) {
        parse_interface(p, attrs, at, doc);
    } else if (is_word(&p->tok, "typedef")) {
        parse_typedef(p, attrs, at);
    } else if (is_word(&p->tok, "const") || is_word(&p->tok, "extern")) {
        int ext = is_word(&p->tok, "extern");
        method *m;
        if (ext)
            advance(p);
        if (!is_word(&p->tok, "const") && ext) {
            /* extern T NAME; */
            decl *d = new_decl(p, D_OTHER, at, attrs);
            field n;
            type t;
            memset(&n, 0, sizeof n);
            parse_type(p, &t);
            parse_declarator(p, &n, &t, 1);
            expect(p, ';', "';' after extern declaration");
            d->name = n.name;
            add(p, d);
            return;
        }
        m = parse_const(p, attrs, at, ext);
        if (m) { /* a function returning const T */
            decl *d = new_decl(p, D_OTHER, at, attrs);
            d->name = m->name;
            add(p, d);
        }
    } else if (is_word(&p->tok, "dispinterface") || is_word(&p->tok, "coclass")) {
        decl *d = new_decl(p, p->tok.text[0] == 'd' ? D_DISPINTERFACE : D_COCLASS, at, attrs);
        advance(p);
        d->name = take_ident(p, "name");
        skip_decl_end(p);
        add(p, d);
    } else if (is_word(&p->tok, "namespace") && p->peek.kind == TK_IDENT) {
        /* WinRT: namespace A.B { ... }; names inside are also known as A.B.Name */
        const char *outer = p->ns, *name;
        advance(p);
        name = take_qualified(p, "namespace name");
        if (outer) {
            char *q = (char *)arena_alloc(p->c, strlen(outer) + strlen(name) + 2);
            sprintf(q, "%s.%s", outer, name);
            name = q;
        }
        expect(p, '{', "'{' after namespace name");
        enter(p);
        p->ns = name;
        while (!is(p, '}') && !is(p, TK_EOF))
            parse_item(p, sc);
        p->ns = outer;
        leave(p);
        expect(p, '}', "'}' at end of namespace");
    } else if (is_word(&p->tok, "apicontract") || is_word(&p->tok, "runtimeclass") ||
               is_word(&p->tok, "declare")) {
        /* WinRT names without a vtable of their own; bodies are skipped */
        decl *d = new_decl(p, D_COCLASS, at, attrs);
        int declare = is_word(&p->tok, "declare");
        advance(p);
        d->name = declare ? "declare" : take_qualified(p, "name");
        skip_decl_end(p);
        if (!declare)
            add(p, d);
    } else if (is_word(&p->tok, "delegate")) {
        /* WinRT: delegate RET Name[<T>](params); a callback interface with one Invoke method */
        decl *d = new_decl(p, D_COCLASS, at, attrs);
        type ret;
        int varargs = 0;
        advance(p);
        parse_type(p, &ret);
        d->name = take_ident(p, "delegate name");
        if (is(p, '<'))
            skip_generic(p);
        parse_params(p, &varargs);
        expect(p, ';', "';' after delegate");
        add(p, d);
    } else if (is_word(&p->tok, "library") || is_word(&p->tok, "module")) {
        decl *d = new_decl(p, D_OTHER, at, attrs);
        scope inner = p->tok.text[0] == 'l' ? S_LIBRARY : S_MODULE;
        advance(p);
        d->name = take_ident(p, "name");
        add(p, d);
        expect(p, '{', "'{'");
        enter(p);
        while (!is(p, '}') && !is(p, TK_EOF))
            parse_item(p, inner);
        leave(p);
        expect(p, '}', "'}'");
        if (is(p, ';'))
            advance(p);
    } else if (is_word(&p->tok, "import") && !attrs) {
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
    } else if ((is_word(&p->tok, "importlib") || is_word(&p->tok, "midl_pragma")) && !attrs) {
        decl *d = new_decl(p, D_OTHER, at, NULL);
        d->name = p->tok.text[0] == 'i' ? "importlib" : "midl_pragma";
        advance(p);
        if (is_word(&p->tok, "warning"))
            advance(p);
        expect(p, '(', "'('");
        skip_balanced(p, "");
        expect(p, ')', "')'");
        if (is(p, ';'))
            advance(p);
        add(p, d);
    } else if (is_word(&p->tok, "cpp_quote") && !attrs) {
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
        method *m = parse_tagged(p, attrs, at);
        if (m) {
            decl *d = new_decl(p, D_OTHER, at, attrs);
            d->name = m->name;
            add(p, d);
        }
    } else if (is(p, ';') && !attrs) {
        advance(p);
    } else if (sc == S_INTERFACE) {
        fail(p, "declaration");
    } else if (is(p, TK_IDENT)) {
        /* a function declaration: in a module, or [local] functions of RPC interfaces */
        decl *d = new_decl(p, D_OTHER, at, attrs);
        method *m = parse_method(p, attrs);
        d->name = m->name;
        add(p, d);
    } else {
        fail(p, attrs ? "a declaration after attributes" : "declaration");
    }
}

static void parse_items(parser *p, scope sc) { parse_item(p, sc); }

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
    p.braces = 0;
    while (!is(&p, TK_EOF)) {
        p.recover = &top;
        if (setjmp(top) == 0) {
            parse_item(&p, S_FILE);
        } else {
            /* Resynchronise at the end of the broken declaration: its ';' or its closing '}'. */
            p.depth = 0;
            skip_to_end(&p, 0);
            if (!is(&p, TK_EOF))
                advance(&p);
        }
    }
}
