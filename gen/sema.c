/* sema.c -- reads imports, builds the symbol table, checks interfaces and resolves types and parameters. */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consteval.h"
#include "gen.h"

/* Names live in one open-addressing table; struct/enum/union tags are stored as "struct X" and so on. */
typedef struct sym {
    const char *name;
    decl *d;
    const field *declarator; /* the typedef declarator that introduced the name */
    int ce_state;            /* a constant's value: 0 not yet evaluated, 1 known, 2 none, 3 being evaluated */
    long long ce_value;
} sym;

struct symtab {
    sym *v;
    size_t cap, n;
};

static unsigned long hash(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static sym *lookup(struct symtab *t, const char *name, int create)
{
    size_t i;
    if (!t->cap) {
        if (!create)
            return NULL;
        t->cap = 1024;
        t->v = (sym *)calloc(t->cap, sizeof *t->v);
    } else if (create && t->n * 2 >= t->cap) {
        struct symtab nt;
        nt.cap = t->cap * 2;
        nt.n = 0;
        nt.v = (sym *)calloc(nt.cap, sizeof *nt.v);
        if (!nt.v) {
            fputs("mfcb-gen: error: out of memory\n", stderr);
            exit(1);
        }
        for (i = 0; i < t->cap; i++)
            if (t->v[i].name)
                *lookup(&nt, t->v[i].name, 1) = t->v[i];
        free(t->v);
        *t = nt;
    }
    if (!t->v) {
        fputs("mfcb-gen: error: out of memory\n", stderr);
        exit(1);
    }
    for (i = hash(name) & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
        if (!t->v[i].name) {
            if (!create)
                return NULL;
            t->v[i].name = name;
            t->n++;
            return &t->v[i];
        }
        if (strcmp(t->v[i].name, name) == 0)
            return &t->v[i];
    }
}

static const char *tag_key(gen_ctx *c, int tag, const char *name)
{
    const char *kw = tag == 's' ? "struct " : tag == 'e' ? "enum " : tag == 'c' ? "const " : "union ";
    char *k = (char *)arena_alloc(c, strlen(kw) + strlen(name) + 1);
    strcpy(k, kw);
    strcat(k, name);
    return k;
}

/* ---- reading files and their imports ---- */

static const char *dir_of(gen_ctx *c, const char *path)
{
    const char *slash = strrchr(path, '/');
#ifdef _WIN32
    const char *bs = strrchr(path, '\\');
    if (bs && (!slash || bs > slash))
        slash = bs;
#endif
    return slash ? arena_strndup(c, path, (size_t)(slash - path)) : ".";
}

static const char *join(gen_ctx *c, const char *dir, const char *name)
{
    char *p;
    if (strcmp(dir, ".") == 0)
        return arena_strdup(c, name);
    p = (char *)arena_alloc(c, strlen(dir) + strlen(name) + 2);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

static int file_exists(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

static idl_file *find_loaded(gen_ctx *c, const char *path)
{
    idl_file *f;
    for (f = c->files; f; f = f->next)
        if (strcmp(f->path, path) == 0)
            return f;
    return NULL;
}

static idl_file **files_tail(gen_ctx *c)
{
    idl_file **t = &c->files;
    while (*t)
        t = &(*t)->next;
    return t;
}

static void load(gen_ctx *c, idl_file *f, loc from, int has_from, const char *text, size_t text_len);

static void load_imports(gen_ctx *c, idl_file *f)
{
    decl *d;
    for (d = f->decls; d; d = d->next) {
        const char *path = NULL;
        idl_file *g;
        int i;
        if (d->kind != D_IMPORT)
            continue;
        if (c->confined && (strchr(d->name, '/') || strchr(d->name, '\\') || d->name[0] == '.'))
            path = NULL;
        else if (d->name[0] == '/')
            path = file_exists(d->name) ? d->name : NULL;
        else {
            const char *cand = join(c, dir_of(c, f->path), d->name);
            if (!c->confined && file_exists(cand))
                path = cand;
            for (i = 0; !path && i < c->include_dirs.n; i++) {
                cand = join(c, c->include_dirs.v[i], d->name);
                if (file_exists(cand))
                    path = cand;
            }
        }
        if (!path) {
            diag_error(c, d->at, "cannot find import '%s'", d->name);
            continue;
        }
        g = find_loaded(c, path);
        if (g) {
            if (g->state == 1) {
                /* The files still being read are the import chain, outermost first. */
                char chain[2048] = "";
                idl_file *h;
                for (h = g; h; h = h->next) {
                    if (h->state != 1 || strlen(chain) + strlen(h->name) + 8 >= sizeof chain)
                        continue;
                    strcat(chain, h->name);
                    strcat(chain, " -> ");
                }
                diag_error(c, d->at, "import cycle: %s%s", chain, d->name);
            }
            continue;
        }
        g = (idl_file *)arena_alloc(c, sizeof *g);
        g->path = path;
        g->name = d->name;
        load(c, g, d->at, 1, NULL, 0);
    }
}

struct parsed_file {
    const char *path;
    decl *decls;
    struct parsed_file *next;
};

/* Reads, preprocesses and parses f into f->decls (from text when given), then its imports. A file parsed
   without errors is kept for the run: another input importing it reuses its declarations. */
static void load(gen_ctx *c, idl_file *f, loc from, int has_from, const char *text, size_t text_len)
{
    struct parsed_file *p;
    *files_tail(c) = f;
    for (p = text ? NULL : c->parsed; p && strcmp(p->path, f->path) != 0; p = p->next)
        ;
    if (p)
        f->decls = p->decls;
    else {
        size_t len = text_len, plen;
        char *buf = text ? NULL : read_file(f->path, &len), *pre;
        int errors = c->errors;
        if (!buf && !text) {
            if (has_from)
                diag_error(c, from, "cannot read '%s'", f->path);
            else
                diag_plain(c, "cannot read '%s'", f->path);
            f->state = 2;
            return;
        }
        pre = pp_run(pp_new(c), f->path, text ? text : buf, len, &plen);
        free(buf);
        parse_file(c, f, pre, plen);
        /* Tokens point into the text only while parsing; the AST holds copies. */
        free(pre);
        if (!text && c->errors == errors) { /* a file with errors is read again, and its errors told again */
            p = (struct parsed_file *)arena_alloc(c, sizeof *p);
            p->path = f->path;
            p->decls = f->decls;
            p->next = c->parsed;
            c->parsed = p;
        }
    }
    f->state = 1;
    load_imports(c, f);
    f->state = 2;
}

/* ---- checks ---- */

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    ch = tolower(ch);
    return ch >= 'a' && ch <= 'f' ? ch - 'a' + 10 : -1;
}

static int parse_guid(const char *s, guid *g)
{
    static const int groups[5] = {8, 4, 4, 4, 12};
    unsigned char b[16];
    int gi, nb = 0;
    size_t len = strlen(s);
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
        s++;
        len -= 2;
    }
    if (len != 36)
        return 0;
    for (gi = 0; gi < 5; gi++) {
        int k;
        for (k = 0; k < groups[gi]; k += 2) {
            int hi = hexval(s[0]), lo = hexval(s[1]);
            if (hi < 0 || lo < 0)
                return 0;
            b[nb++] = (unsigned char)(hi * 16 + lo);
            s += 2;
        }
        if (gi < 4 && *s++ != '-')
            return 0;
    }
    g->d1 = ((unsigned long)b[0] << 24) | ((unsigned long)b[1] << 16) | ((unsigned long)b[2] << 8) | b[3];
    g->d2 = (unsigned)(b[4] << 8 | b[5]);
    g->d3 = (unsigned)(b[6] << 8 | b[7]);
    memcpy(g->d4, b + 8, 8);
    return 1;
}

/* A WinRT name is also known with its namespace: Windows.Foundation.IAsyncAction, and so are typedef
   names (Windows.Foundation.TimeSpan) and tags. Returns the symbol, NULL outside a namespace. */
static sym *define_qualified_name(gen_ctx *c, decl *d, const char *name)
{
    char *q;
    sym *s;
    if (!d->ns || !name)
        return NULL;
    q = (char *)arena_alloc(c, strlen(d->ns) + strlen(name) + 2);
    sprintf(q, "%s.%s", d->ns, name);
    s = lookup(c->syms, q, 1);
    if (s->d)
        return NULL;
    s->d = d;
    return s;
}

static void define_qualified(gen_ctx *c, decl *d) { define_qualified_name(c, d, d->name); }

static void define_symbols(gen_ctx *c)
{
    idl_file *f;
    decl *d;
    for (f = c->files; f; f = f->next) {
        for (d = f->decls; d; d = d->next) {
            sym *s;
            field *n;
            switch (d->kind) {
            case D_INTERFACE:
                s = lookup(c->syms, d->name, 1);
                if (s->d && s->d->kind == D_INTERFACE) {
                    diag_error(c, d->at, "duplicate interface '%s'", d->name);
                    diag_note(c, s->d->at, "'%s' was first defined here", d->name);
                } else
                    s->d = d;
                define_qualified(c, d);
                break;
            case D_FORWARD:
            case D_DISPINTERFACE:
            case D_COCLASS:
                s = lookup(c->syms, d->name, 1);
                if (!s->d)
                    s->d = d;
                define_qualified(c, d);
                break;
            case D_TYPEDEF:
                for (n = d->names; n; n = n->next) {
                    s = lookup(c->syms, n->name, 1);
                    if (!s->d) {
                        s->d = d;
                        s->declarator = n;
                    }
                    if ((s = define_qualified_name(c, d, n->name)) != NULL)
                        s->declarator = n;
                }
                /* a typedef may also declare a tag */
                /* fall through */
            case D_TYPE:
                /* Enumerators are constants ("const NAME"): one name, one enumerator, as in C, where a
                   second would not compile. And a tag has one body: two are two definitions. */
                if (d->t.tag == 'e' && d->t.has_body)
                    for (n = d->t.body; n; n = n->next) {
                        s = lookup(c->syms, tag_key(c, 'c', n->name), 1);
                        if (!s->d) {
                            s->d = d;
                            s->declarator = n;
                        } else if (!d->ns && !s->d->ns && s->d->kind != D_CONST && s->declarator) {
                            /* (WinRT enumerators are scoped: Enum_Name in C) */
                            diag_error(c, n->at, "duplicate enumerator '%s'", n->name);
                            diag_note(c, s->declarator->at, "'%s' was first defined here", n->name);
                        }
                    }
                if (d->t.tag && d->t.has_body && d->t.name[0]) {
                    s = lookup(c->syms, tag_key(c, d->t.tag, d->t.name), 1);
                    if (!s->d)
                        s->d = d;
                    else if (s->d != d && s->d->t.has_body && !d->ns) {
                        const char *kw = d->t.tag == 's' ? "struct" : d->t.tag == 'e' ? "enum" : "union";
                        diag_error(c, d->t.at, "'%s %s' is defined twice", kw, d->t.name);
                        diag_note(c, s->d->t.at, "'%s %s' was first defined here", kw, d->t.name);
                    }
                    if (d->ns) {
                        char *q = (char *)arena_alloc(c, strlen(d->ns) + strlen(d->t.name) + 2);
                        sprintf(q, "%s.%s", d->ns, d->t.name);
                        s = lookup(c->syms, tag_key(c, d->t.tag, q), 1);
                        if (!s->d)
                            s->d = d;
                    }
                }
                break;
            case D_CONST:
                s = lookup(c->syms, tag_key(c, 'c', d->name), 1);
                if (!s->d) {
                    s->d = d;
                    s->declarator = d->names;
                }
                break;
            default:
                break;
            }
        }
    }
}

static int is_builtin(const char *name)
{
    static const char *const more[] = {"handle_t", "error_status_t", NULL};
    const char *first = name;
    int i;
    char w[32];
    size_t n = strcspn(first, " ");
    if (n >= sizeof w)
        return 0;
    memcpy(w, first, n);
    w[n] = 0;
    for (i = 0; more[i]; i++)
        if (strcmp(name, more[i]) == 0)
            return 1;
    return strcmp(w, "void") == 0 || strcmp(w, "char") == 0 || strcmp(w, "short") == 0 ||
           strcmp(w, "int") == 0 || strcmp(w, "long") == 0 || strcmp(w, "signed") == 0 ||
           strcmp(w, "unsigned") == 0 || strcmp(w, "float") == 0 || strcmp(w, "double") == 0 ||
           strcmp(w, "hyper") == 0 || strcmp(w, "small") == 0 || strcmp(w, "boolean") == 0 ||
           strcmp(w, "byte") == 0 || strcmp(w, "wchar_t") == 0 || strcmp(w, "__int8") == 0 ||
           strcmp(w, "__int16") == 0 || strcmp(w, "__int32") == 0 || strcmp(w, "__int64") == 0 ||
           strcmp(w, "__int3264") == 0;
}

/* A name as a type reference finds it: a qualified name (A.B.X) names X in namespace A.B, or, as widl
   reads it, the global X when A.B has none. */
static sym *find_name(gen_ctx *c, const char *name)
{
    sym *s = lookup(c->syms, name, 0);
    const char *dot;
    if ((!s || !s->d) && (dot = strrchr(name, '.')) != NULL && !strchr(name, '<'))
        s = lookup(c->syms, dot + 1, 0);
    return s;
}

resolved_type sema_resolve(gen_ctx *c, const type *t)
{
    resolved_type r;
    const type *cur = t;
    int hops;
    r.nptr = t->nptr;
    r.name = t->name;
    r.kind = "unknown";
    for (hops = 0; hops < 100; hops++) {
        sym *s;
        if (cur->tag) {
            r.kind = cur->tag == 's' ? "struct" : cur->tag == 'e' ? "enum" : "union";
            r.name = cur->name;
            return r;
        }
        if (strcmp(cur->name, "void") == 0) {
            r.kind = "void";
            r.name = "void";
            return r;
        }
        if (is_builtin(cur->name)) {
            r.kind = "builtin";
            r.name = cur->name;
            return r;
        }
        if (strchr(cur->name, '<')) {
            /* an instance of a WinRT generic interface */
            r.kind = "interface";
            r.name = cur->name;
            return r;
        }
        s = find_name(c, cur->name);
        if (!s || !s->d) {
            r.name = cur->name;
            return r;
        }
        if (s->d->kind == D_INTERFACE || s->d->kind == D_FORWARD || s->d->kind == D_DISPINTERFACE ||
            s->d->kind == D_COCLASS) {
            r.kind = "interface";
            r.name = s->d->name;
            return r;
        }
        if (s->d->kind != D_TYPEDEF)
            return r;
        r.name = s->declarator->name;
        cur = &s->declarator->t;
        r.nptr += cur->nptr;
    }
    return r;
}

int sema_is_interface_name(gen_ctx *c, const char *name)
{
    sym *s = find_name(c, name);
    return s && s->d && (s->d->kind == D_INTERFACE || s->d->kind == D_FORWARD || s->d->kind == D_DISPINTERFACE ||
                         s->d->kind == D_COCLASS);
}

/* Whether t is named, or reaches through its typedef chain, one of names (NULL-terminated). */
static int chain_has(gen_ctx *c, const type *t, const char *const *names)
{
    const type *cur = t;
    int hops, i;
    for (hops = 0; hops < 100 && cur && !cur->tag; hops++) {
        sym *s;
        for (i = 0; names[i]; i++)
            if (strcmp(cur->name, names[i]) == 0)
                return 1;
        s = find_name(c, cur->name);
        if (!s || !s->d || s->d->kind != D_TYPEDEF)
            return 0;
        cur = &s->declarator->t;
    }
    return 0;
}

/* Whether the struct or union tag holds only values (numbers, enums, flat structs and unions, arrays of
   them): no pointer, interface or function anywhere inside, so a copy of its bytes is a copy of all it says. */
static int flat_aggregate(gen_ctx *c, const char *kind, const char *tag, int depth)
{
    sym *s = lookup(c->syms, tag_key(c, strcmp(kind, "union") == 0 ? 'u' : 's', tag), 0);
    const field *f;
    if (!s || !s->d || !s->d->t.has_body || depth > 32)
        return 0;
    for (f = s->d->t.body; f; f = f->next) {
        resolved_type r;
        if (f->is_func)
            return 0;
        r = sema_resolve(c, &f->t);
        if (r.nptr)
            return 0;
        if (strcmp(r.kind, "builtin") == 0 || strcmp(r.kind, "enum") == 0)
            continue;
        if ((strcmp(r.kind, "struct") == 0 || strcmp(r.kind, "union") == 0) &&
            flat_aggregate(c, r.kind, r.name, depth + 1))
            continue;
        return 0;
    }
    return 1;
}

/* Whether a [size_is] array's elements are values (numbers, enums, flat structures, or the bytes of a void
   buffer): then a copy of the array's bytes is a copy of all it says. Elements that are pointers (strings,
   BSTRs, handles, interfaces, a typedef of one) or structures holding one are not: their lifetime is not
   described, and the method runs direct. */
static int flat_elements(gen_ctx *c, const field *p)
{
    resolved_type r = sema_resolve(c, &p->t);
    int elem_nptr = r.nptr - (p->narray ? 0 : 1); /* less the array's own pointer */
    if (p->is_func || elem_nptr != 0)
        return 0;
    if (strcmp(r.kind, "builtin") == 0 || strcmp(r.kind, "enum") == 0 || strcmp(r.kind, "void") == 0)
        return 1;
    if (strcmp(r.kind, "struct") == 0 || strcmp(r.kind, "union") == 0)
        return flat_aggregate(c, r.kind, r.name, 0);
    return 0;
}

static const char *const bstr_names[] = {"BSTR", NULL};
static const char *const string_names[] = {"LPWSTR", "LPCWSTR", "LPSTR", "LPCSTR", "LPOLESTR", "LPCOLESTR",
                                           "PWSTR", "PCWSTR", "PSTR", "PCSTR", NULL};

param_class sema_param_class(gen_ctx *c, const field *p)
{
    const attr *dir = attr_find(p->attrs, "out");
    resolved_type r;
    if (dir)
        return PC_OUT;
    if (attr_find(p->attrs, "size_is") || attr_find(p->attrs, "length_is"))
        return flat_elements(c, p) ? PC_BUFFER : PC_OPAQUE;
    if (attr_find(p->attrs, "mfcb_cookie"))
        return PC_COOKIE; /* a caller's pointer the callee only hands back: kept as a value */
    r = sema_resolve(c, &p->t);
    if (strcmp(r.kind, "interface") == 0 && r.nptr == 1 && !p->narray)
        return PC_IFACE;
    /* NUL-terminated strings: a typedef that says so, or [string] on a character pointer */
    if (r.nptr == 1 && !p->narray && !p->is_func &&
        (strcmp(r.name, "wchar_t") == 0 || strcmp(r.name, "char") == 0)) {
        if (chain_has(c, &p->t, bstr_names))
            return PC_BSTR;
        if (chain_has(c, &p->t, string_names) || attr_find(p->attrs, "string"))
            return PC_STRING;
    }
    if (r.nptr == 1 && !p->narray && !p->is_func &&
        (strcmp(r.name, "_GUID") == 0 || strcmp(r.name, "GUID") == 0 || strcmp(r.name, "IID") == 0 ||
         strcmp(r.name, "CLSID") == 0))
        return PC_GUID;
    if (r.nptr == 0 && !p->narray) {
        /* a structure or union by value is a value only when nothing inside it points elsewhere (a VARIANT
           holds BSTRs and interface pointers that a copy does not keep) */
        if ((strcmp(r.kind, "struct") == 0 || strcmp(r.kind, "union") == 0) && !flat_aggregate(c, r.kind, r.name, 0))
            return PC_OPAQUE;
        return PC_VALUE;
    }
    if (r.nptr == 1 && !p->narray && !p->is_func && strcmp(r.kind, "struct") == 0 && flat_aggregate(c, "struct", r.name, 0))
        return PC_STRUCT;
    return PC_OPAQUE;
}

int sema_in_vtable(const method *m) { return attr_find(m->attrs, "call_as") == NULL; }

const char *sema_c_name(gen_ctx *c, const method *m)
{
    const char *prefix = attr_find(m->attrs, "propget")      ? "get_"
                         : attr_find(m->attrs, "propput")    ? "put_"
                         : attr_find(m->attrs, "propputref") ? "putref_"
                         : attr_find(m->attrs, "eventadd")   ? "add_"
                         : attr_find(m->attrs, "eventremove") ? "remove_"
                                                             : NULL;
    char *n;
    if (!prefix)
        return m->name;
    n = (char *)arena_alloc(c, strlen(prefix) + strlen(m->name) + 1);
    strcpy(n, prefix);
    strcat(n, m->name);
    return n;
}

int sema_aggregate_return(gen_ctx *c, const method *m)
{
    resolved_type r = sema_resolve(c, &m->ret);
    return r.nptr == 0 && (strcmp(r.kind, "struct") == 0 || strcmp(r.kind, "union") == 0);
}

int sema_implementable(const iface *f)
{
    if (!f->is_object)
        return 0;
    for (; f->base; f = f->base)
        if (!f->has_uuid)
            return 0;
    return strcmp(f->name, "IUnknown") == 0;
}

int sema_writes_header(const idl_file *f)
{
    const decl *d;
    for (d = f->decls; d; d = d->next)
        if (d->kind == D_INTERFACE && !d->ns && strcmp(d->name, "IUnknown") != 0 && sema_implementable(d->resolved))
            return 1;
    return 0;
}

iface *sema_find_iface(gen_ctx *c, const char *name)
{
    sym *s = find_name(c, name);
    return s && s->d && s->d->kind == D_INTERFACE ? s->d->resolved : NULL;
}

static void check_type(gen_ctx *c, const type *t)
{
    resolved_type r;
    if (t->tag)
        return;
    r = sema_resolve(c, t);
    if (strcmp(r.kind, "unknown") == 0) {
        static const char tags[] = "seu";
        int k;
        for (k = 0; tags[k]; k++)
            if (lookup(c->syms, tag_key(c, tags[k], t->name), 0)) {
                const char *kw = tags[k] == 's' ? "struct" : tags[k] == 'e' ? "enum" : "union";
                diag_error(c, t->at, "unknown type '%s' (it is a tag: '%s %s')", r.name, kw, t->name);
                return;
            }
        diag_error(c, t->at, "unknown type '%s'", r.name);
    }
}

/* ---- constant expressions: what C would reject is an error here ---- */

static int const_value(void *ud, const char *name, int len, long long *value);

static sym *const_sym(gen_ctx *c, const char *name)
{
    return lookup(c->syms, tag_key(c, 'c', name), 0);
}

/* Evaluates the enumerators of body from the first to n, each remembered: its own value, or one more than
   the previous one's. */
static int enumerator_value(gen_ctx *c, const field *body, const field *n, long long *value)
{
    long long v = -1;
    const field *e;
    for (e = body; e; e = e->next) {
        sym *s = const_sym(c, e->name);
        if (s && s->declarator != e)
            s = NULL; /* the name was an earlier constant's: nothing to remember here */
        if (s && s->ce_state == 1)
            v = s->ce_value;
        else if (s && s->ce_state >= 2)
            return 2;
        else {
            int ok = 1;
            if (s)
                s->ce_state = 3;
            if (e->value)
                ok = ce_eval(e->value, const_value, c, &v, NULL, NULL) == CE_OK;
            else
                v++;
            if (s) {
                s->ce_state = ok ? 1 : 2;
                s->ce_value = v;
            }
            if (!ok)
                return 2;
        }
        if (e == n)
            break;
    }
    *value = v;
    return 1;
}

static int const_value(void *ud, const char *name, int len, long long *value)
{
    gen_ctx *c = (gen_ctx *)ud;
    char buf[256];
    sym *s;
    long long v = 0;
    int r;
    if (len <= 0 || len >= (int)sizeof buf)
        return 0;
    memcpy(buf, name, (size_t)len);
    buf[len] = 0;
    s = const_sym(c, buf);
    if (!s || !s->d)
        return 0;
    if (!value)
        return 1;
    if (s->ce_state == 1) {
        *value = s->ce_value;
        return 1;
    }
    if (s->ce_state >= 2)
        return 2; /* none, or defined through itself */
    if (s->d->kind == D_CONST) {
        s->ce_state = 3;
        r = s->declarator && s->declarator->value &&
                    ce_eval(s->declarator->value, const_value, c, &v, NULL, NULL) == CE_OK
                ? 1
                : 2;
        s->ce_state = r; /* lookups without create never move the table */
        s->ce_value = v;
    } else
        r = enumerator_value(c, s->d->t.body, s->declarator, &v);
    *value = v;
    return r;
}

/* Checks one expression; what names it is said in the message ("the value of 'X'"). */
static void check_const_expr(gen_ctx *c, const char *text, loc at, const char *what, const char *name, int unknown_ok)
{
    const char *unknown;
    int len;
    if (!text || !*text || *text == '"' || (text[0] == 'L' && text[1] == '"'))
        return;
    switch (ce_eval(text, const_value, c, NULL, &unknown, &len)) {
    case CE_DIV_ZERO:
        diag_error(c, at, "division by zero in %s '%s'", what, name);
        break;
    case CE_OVERFLOW:
        diag_error(c, at, "%s '%s' overflows 64 bits", what, name);
        break;
    case CE_UNKNOWN:
        if (!unknown_ok)
            diag_error(c, at, "'%.*s' in %s '%s' is no constant of the IDL", len, unknown, what, name);
        else /* passed to C as written: say that only C can tell */
            diag_warning(c, at, "'%.*s' in %s '%s' is no constant of the IDL: the C compiler must know it", len,
                         unknown, what, name);
        break;
    case CE_SYNTAX:
        diag_error(c, at, "%s '%s' is not an integer constant expression", what, name);
        break;
    default:
        break;
    }
}

static void check_fields_exprs(gen_ctx *c, const field *f, int depth, int types);

static void check_type_exprs(gen_ctx *c, const type *t, int depth)
{
    const field *e;
    if (!t->has_body || depth > 200)
        return;
    if (t->tag == 'e') {
        for (e = t->body; e; e = e->next)
            check_const_expr(c, e->value, e->at, "the value of", e->name, 1); /* widl takes C's names here */
    } else
        check_fields_exprs(c, t->body, depth + 1, 1);
}

/* Array dimensions of members, parameters or declarators; with types (members), their types, known, and
   the bodies of those types. */
static void check_fields_exprs(gen_ctx *c, const field *f, int depth, int types)
{
    int k;
    for (; f; f = f->next) {
        for (k = 0; k < f->narray; k++)
            check_const_expr(c, f->array[k], f->at, "the array dimension of", f->name ? f->name : "", 0);
        if (types && f->t.name) {
            check_type(c, &f->t); /* a member's type must be known, as a parameter's is */
            check_type_exprs(c, &f->t, depth);
        }
    }
}

static void check_decl_exprs(gen_ctx *c, const decl *d)
{
    const method *m;
    switch (d->kind) {
    case D_CONST:
        check_const_expr(c, d->names->value, d->names->at, "the value of", d->name, 0);
        break;
    case D_TYPEDEF:
        check_type_exprs(c, &d->t, 0);
        check_fields_exprs(c, d->names, 0, 0); /* their type's body is d->t's, checked once */
        break;
    case D_TYPE:
        check_type_exprs(c, &d->t, 0);
        break;
    case D_INTERFACE:
        for (m = d->methods; m; m = m->next)
            check_fields_exprs(c, m->params, 0, 0);
        break;
    default:
        break;
    }
}

/* The attributes whose arguments are expressions over the method's other parameters. */
static const char *const param_expr_attrs[] = {"size_is", "length_is", "iid_is", "max_is", "first_is", "last_is",
                                               "switch_is", NULL};

/* Every name in such an expression must be a parameter of the method, or a constant of the IDL: the
   generated C evaluates it where only those are in scope. */
static int expr_word_known(gen_ctx *c, const char *w)
{
    type t;
    if (strcmp(w, "sizeof") == 0 || ce_type_word(w, strlen(w)))
        return 1;
    if (lookup(c->syms, tag_key(c, 'c', w), 0))
        return 1; /* a const or an enumerator */
    memset(&t, 0, sizeof t);
    t.name = w;
    return strcmp(sema_resolve(c, &t).kind, "unknown") != 0; /* a type, in a cast: (ULONG)n, sizeof(WCHAR) */
}

/* The word [w, e) of expression text s is a cast's type, "(NAME) operand", as in size_is((ULONG)n) of a file
   that declares no ULONG itself (Wine's access.idl is included by oledb.idl, read alone by the corpus). */
static int in_cast(const char *s, const char *w, const char *e)
{
    while (w > s && isspace((unsigned char)w[-1]))
        w--;
    while (isspace((unsigned char)*e))
        e++;
    if (w == s || w[-1] != '(' || *e != ')')
        return 0;
    for (e++; isspace((unsigned char)*e); e++)
        ;
    return isalnum((unsigned char)*e) || *e == '_' || *e == '(' || *e == '*';
}

static void check_param_exprs(gen_ctx *c, const method *m, const field *p, int reaches_c)
{
    int k, j;
    for (k = 0; param_expr_attrs[k]; k++) {
        const attr *a = attr_find(p->attrs, param_expr_attrs[k]);
        if (!a)
            continue;
        for (j = 0; j < a->nargs; j++) {
            const char *t = a->args[j];
            while (*t) {
                const char *w = t;
                size_t n;
                const field *q;
                if (!(isalpha((unsigned char)*t) || *t == '_')) {
                    if (isdigit((unsigned char)*t)) /* a number and its suffix or hex digits */
                        while (isalnum((unsigned char)*t))
                            t++;
                    else
                        t++;
                    continue;
                }
                while (isalnum((unsigned char)*t) || *t == '_')
                    t++;
                n = (size_t)(t - w);
                {
                    const char *b = w;
                    while (b > a->args[j] && isspace((unsigned char)b[-1]))
                        b--;
                    if (b > a->args[j] && (b[-1] == '.' || (b[-1] == '>' && b - 1 > a->args[j] && b[-2] == '-')))
                        continue; /* a member of a parameter: p->count, s.size */
                }
                for (q = m->params; q; q = q->next)
                    if (q->name && strlen(q->name) == n && strncmp(q->name, w, n) == 0)
                        break;
                if (q || expr_word_known(c, arena_strndup(c, w, n)) || in_cast(a->args[j], w, t))
                    continue;
                {
                    loc at = a->arg_at[j];
                    if (!memchr(a->args[j], '\n', (size_t)(w - a->args[j])))
                        at.col += (int)(w - a->args[j]);
                    /* only an [in] buffer's [size_is] reaches the generated C (the queue copies that many);
                       elsewhere widl takes the name too (wmsdkidl.idl has one), so it is only a warning */
                    if (reaches_c && k == 0)
                        diag_error(c, at, "'%.*s' in [%s] is no parameter of '%s' and no constant", (int)n, w,
                                   a->name, m->name);
                    else
                        diag_warning(c, at, "'%.*s' in [%s] is no parameter of '%s' and no constant", (int)n, w,
                                     a->name, m->name);
                }
            }
        }
    }
}

/* A method's C name (get_/put_ for properties) is a field of the vtable struct: one name twice in one
   interface is a C error. (A name its base has is not: that one is spelled IFace_Name in the vtable.) */
static void check_method_name(gen_ctx *c, const iface *i, const method *m)
{
    const char *name = sema_c_name(c, m);
    const method *o;
    if (!sema_in_vtable(m))
        return;
    for (o = i->d->methods; o != m; o = o->next)
        if (sema_in_vtable(o) && strcmp(sema_c_name(c, o), name) == 0) {
            diag_error(c, m->at, "method '%s' is declared twice in '%s'", name, i->name);
            diag_note(c, o->at, "'%s' was first declared here", name);
            return;
        }
}

static void check_interface(gen_ctx *c, decl *d)
{
    iface *i = d->resolved;
    const attr *u = attr_find(d->attrs, "uuid");
    method *m;
    /* as widl counts them: [object], [odl] (type-library interfaces), or any interface with a base */
    i->is_object = attr_find(d->attrs, "object") || attr_find(d->attrs, "odl") || d->base;
    i->is_local = attr_find(d->attrs, "local") != NULL;
    if (u) {
        if (u->nargs != 1 || !parse_guid(u->args[0], &i->uuid))
            diag_error(c, u->nargs ? u->arg_at[0] : u->at, "invalid uuid '%s'", u->nargs ? u->args[0] : "");
        else
            i->has_uuid = 1;
    }
    /* An object interface without a uuid is valid IDL (widl takes it); mfcb-gen only refuses to implement it. */
    if (d->base) {
        sym *s = lookup(c->syms, d->base, 0);
        if (!s || !s->d || (s->d->kind != D_INTERFACE && s->d->kind != D_FORWARD))
            diag_error(c, d->base_at, "unknown base interface '%s'", d->base);
        else if (s->d->kind == D_FORWARD)
            diag_error(c, d->base_at, "base interface '%s' is declared but never defined", d->base);
        else
            i->base = s->d->resolved;
    }
    for (m = d->methods; m; m = m->next) {
        field *p, *q;
        check_method_name(c, i, m);
        check_type(c, &m->ret);
        for (p = m->params; p; p = p->next) {
            check_type(c, &p->t);
            check_param_exprs(c, m, p, i->is_object && !attr_find(p->attrs, "out"));
            if (!p->name || !i->is_object)
                continue;
            /* the C the header declares takes every name: This (the object) and mfcb_ (the stubs) are its own */
            if (strcmp(p->name, "This") == 0 || strncmp(p->name, "mfcb_", 5) == 0)
                diag_error(c, p->at, "parameter name '%s' is taken by the generated C (This, and names that begin "
                           "with mfcb_)", p->name);
            for (q = m->params; q != p; q = q->next)
                if (q->name && strcmp(q->name, p->name) == 0) {
                    diag_error(c, p->at, "duplicate parameter name '%s' in '%s'", p->name, m->name);
                    break;
                }
        }
    }
}

/* Method slots count from IUnknown; an inheritance cycle is an error, not a hang. */
static void count_slots(gen_ctx *c, iface *i)
{
    iface *b;
    int n = 0, depth = 0;
    for (b = i; b; b = b->base) {
        method *m;
        if (++depth > 1000) {
            diag_error(c, i->d->at, "interface '%s' inherits from itself", i->name);
            i->base = NULL;
            return;
        }
        for (m = b->d->methods; m; m = m->next)
            n += sema_in_vtable(m);
    }
    i->nmethods_total = n;
}

static idl_file *load_root(gen_ctx *c, const char *path, const char *text, size_t len)
{
    idl_file *root, *f;
    decl *d;
    loc none = {0, 0, 0};
    int errors = c->errors; /* what earlier inputs of the run had */
    sema_free(c);
    c->files = NULL;
    root = (idl_file *)arena_alloc(c, sizeof *root);
    root->path = path;
    root->name = path;
    c->syms = (struct symtab *)arena_alloc(c, sizeof *c->syms);
    load(c, root, none, 0, text, len);
    if (c->errors > errors)
        return NULL;
    define_symbols(c);
    for (f = c->files; f; f = f->next)
        for (d = f->decls; d; d = d->next)
            if (d->kind == D_INTERFACE) {
                d->resolved = (iface *)arena_alloc(c, sizeof *d->resolved);
                d->resolved->d = d;
                d->resolved->name = d->name;
            }
    for (f = c->files; f; f = f->next)
        for (d = f->decls; d; d = d->next) {
            if (d->kind == D_INTERFACE)
                check_interface(c, d);
            check_decl_exprs(c, d);
        }
    for (f = c->files; f; f = f->next)
        for (d = f->decls; d; d = d->next)
            if (d->kind == D_INTERFACE)
                count_slots(c, d->resolved);
    return c->errors > errors ? NULL : root;
}

idl_file *sema_load(gen_ctx *c, const char *path) { return load_root(c, path, NULL, 0); }

idl_file *sema_load_text(gen_ctx *c, const char *name, const char *text, size_t len)
{
    return load_root(c, name, text, len);
}

void sema_free(gen_ctx *c)
{
    if (c->syms)
        free(c->syms->v);
    c->syms = NULL;
}
