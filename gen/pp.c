/* pp.c -- the IDL preprocessor: #include, #define/#undef, #if family with expressions, -D/-U, line markers. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

/* As GCC: a file may include itself (a guarded re-inclusion is legal C); only this deep is an error. */
#define MAX_INCLUDE_DEPTH 200
#define MAX_COND_DEPTH 256
#define MAX_EXPAND_DEPTH 256

typedef struct macro {
    const char *name;
    size_t len;
    int nparams; /* -1: object-like */
    const char **params;
    const char *body;
    struct macro *next;
} macro;

struct pp_state {
    gen_ctx *c;
    macro *macros; /* a short list: IDL defines few macros; lookups go through `hash` */
    macro *hash[256];
    const char *stack[MAX_INCLUDE_DEPTH]; /* files being read, outermost first */
    loc from[MAX_INCLUDE_DEPTH];          /* the #include that opened stack[i], for i > 0 */
    int depth;
};

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        char *p;
        while (cap < b->n + n + 1)
            cap *= 2;
        p = (char *)realloc(b->p, cap);
        if (!p) {
            fputs("mfcb-gen: error: out of memory\n", stderr);
            exit(1);
        }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = 0;
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }
static void putc_(buf *b, char ch) { put(b, &ch, 1); }

static void marker(buf *b, int line, const char *file)
{
    char tmp[64];
    if (b->n && b->p[b->n - 1] != '\n')
        putc_(b, '\n');
    snprintf(tmp, sizeof tmp, "# %d \"", line);
    puts_(b, tmp);
    puts_(b, file);
    puts_(b, "\"\n");
}

static unsigned hash_name(const char *s, size_t n)
{
    unsigned h = 0;
    while (n--)
        h = h * 31 + (unsigned char)*s++;
    return h & 255;
}

static macro *find_macro(pp_state *pp, const char *name, size_t n)
{
    macro *m;
    for (m = pp->hash[hash_name(name, n)]; m; m = m->next)
        if (m->len == n && memcmp(m->name, name, n) == 0)
            return m;
    return NULL;
}

static void undef(pp_state *pp, const char *name, size_t n)
{
    macro **m;
    for (m = &pp->hash[hash_name(name, n)]; *m; m = &(*m)->next)
        if ((*m)->len == n && memcmp((*m)->name, name, n) == 0) {
            *m = (*m)->next;
            return;
        }
}

static int is_id0(int ch) { return isalpha(ch) || ch == '_'; }
static int is_id(int ch) { return isalnum(ch) || ch == '_'; }

static const char *skip_ws(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\f' || *s == '\v'))
        s++;
    return s;
}

/* Skips a string or character literal starting at s (its quote); returns the position after it. */
static const char *skip_quoted(const char *s, const char *e)
{
    char q = *s++;
    while (s < e && *s != q && *s != '\n') {
        if (*s == '\\' && s + 1 < e)
            s++;
        s++;
    }
    return s < e && *s == q ? s + 1 : s;
}

/* ---- macro definitions ---- */

/* Parses "NAME body" or "NAME(a, b) body" (text of a #define line, comments already removed). */
static int define(pp_state *pp, const char *s, const char *e, loc at)
{
    macro *m;
    const char *name = s;
    s = skip_ws(s, e);
    name = s;
    if (s >= e || !is_id0((unsigned char)*s)) {
        diag_error(pp->c, at, "macro name missing in #define");
        return 0;
    }
    while (s < e && is_id((unsigned char)*s))
        s++;
    m = (macro *)arena_alloc(pp->c, sizeof *m);
    m->name = arena_strndup(pp->c, name, (size_t)(s - name));
    m->len = (size_t)(s - name);
    m->nparams = -1;
    if (s < e && *s == '(') {
        const char *params[64];
        m->nparams = 0;
        s++;
        for (;;) {
            const char *p;
            s = skip_ws(s, e);
            if (s < e && *s == ')' && m->nparams == 0) {
                s++;
                break;
            }
            p = s;
            if (s + 3 <= e && memcmp(s, "...", 3) == 0)
                s += 3;
            else
                while (s < e && is_id((unsigned char)*s))
                    s++;
            if (s == p || m->nparams == 64) {
                diag_error(pp->c, at, "bad parameter list in #define %s", m->name);
                return 0;
            }
            params[m->nparams++] = *p == '.' ? "__VA_ARGS__" : arena_strndup(pp->c, p, (size_t)(s - p));
            s = skip_ws(s, e);
            if (s < e && *s == ',') {
                s++;
                continue;
            }
            if (s < e && *s == ')') {
                s++;
                break;
            }
            diag_error(pp->c, at, "bad parameter list in #define %s", m->name);
            return 0;
        }
        m->params = (const char **)arena_alloc(pp->c, (size_t)(m->nparams ? m->nparams : 1) * sizeof *m->params);
        memcpy((void *)m->params, params, (size_t)m->nparams * sizeof *params);
    }
    s = skip_ws(s, e);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    m->body = arena_strndup(pp->c, s, (size_t)(e - s));
    undef(pp, m->name, strlen(m->name));
    m->next = pp->hash[hash_name(m->name, strlen(m->name))];
    pp->hash[hash_name(m->name, strlen(m->name))] = m;
    return 1;
}

void pp_define(pp_state *pp, const char *def)
{
    /* -D NAME[=VALUE]: the value defaults to 1, as in cc */
    const char *eq = strchr(def, '=');
    char *text;
    loc at = {"<command line>", 1, 1};
    size_t n = strlen(def);
    text = (char *)arena_alloc(pp->c, n + 4);
    if (eq) {
        memcpy(text, def, (size_t)(eq - def));
        text[eq - def] = ' ';
        strcpy(text + (eq - def) + 1, eq + 1);
    } else {
        strcpy(text, def);
        strcat(text, " 1");
    }
    define(pp, text, text + strlen(text), at);
}

void pp_undef(pp_state *pp, const char *name) { undef(pp, name, strlen(name)); }

/* ---- expansion ---- */

typedef struct hide {
    const macro *m;
    const struct hide *up;
} hide;

static int hidden(const hide *h, const macro *m)
{
    for (; h; h = h->up)
        if (h->m == m)
            return 1;
    return 0;
}

static void expand(pp_state *pp, const char *s, const char *e, const hide *h, buf *out, int depth, loc at);

/* Splits "(a, (b, c), d)" starting at s (the '(') into arguments; returns the position after ')' or NULL. */
static const char *collect_args(const char *s, const char *e, const char **starts, const char **ends, int *n,
                                int max)
{
    int depth = 0;
    *n = 0;
    s++;
    starts[0] = s;
    while (s < e) {
        if (*s == '"' || *s == '\'') {
            s = skip_quoted(s, e);
            continue;
        }
        if (*s == '(')
            depth++;
        else if (*s == ')') {
            if (depth == 0) {
                ends[(*n)++] = s;
                return s + 1;
            }
            depth--;
        } else if (*s == ',' && depth == 0) {
            if (*n + 1 >= max)
                return NULL;
            ends[(*n)++] = s;
            starts[*n] = s + 1;
        }
        s++;
    }
    return NULL;
}

static void trim(const char **s, const char **e)
{
    while (*s < *e && isspace((unsigned char)**s))
        (*s)++;
    while (*e > *s && isspace((unsigned char)(*e)[-1]))
        (*e)--;
}

/* Replaces parameters in m's body: #p stringifies, a ## b pastes, other uses get the expanded argument. */
static void substitute(pp_state *pp, const macro *m, const char **as, const char **ae, int nargs, const hide *h,
                       buf *out, int depth, loc at)
{
    const char *s = m->body, *e = s + strlen(s);
    while (s < e) {
        if (*s == '"' || *s == '\'') {
            const char *q = skip_quoted(s, e);
            put(out, s, (size_t)(q - s));
            s = q;
        } else if (*s == '#' && s + 1 < e && s[1] == '#') {
            /* paste: drop the operator and the spaces around it */
            while (out->n && isspace((unsigned char)out->p[out->n - 1]))
                out->p[--out->n] = 0;
            s = skip_ws(s + 2, e);
        } else if (*s == '#' && m->nparams >= 0) {
            const char *id = skip_ws(s + 1, e), *ide = id;
            int i;
            while (ide < e && is_id((unsigned char)*ide))
                ide++;
            for (i = 0; i < m->nparams; i++)
                if (strlen(m->params[i]) == (size_t)(ide - id) && memcmp(m->params[i], id, (size_t)(ide - id)) == 0)
                    break;
            if (i < m->nparams && i < nargs) {
                const char *p = as[i], *pe = ae[i];
                trim(&p, &pe);
                putc_(out, '"');
                for (; p < pe; p++) {
                    if (*p == '"' || *p == '\\')
                        putc_(out, '\\');
                    putc_(out, *p);
                }
                putc_(out, '"');
                s = ide;
            } else
                putc_(out, *s++);
        } else if (is_id0((unsigned char)*s)) {
            const char *id = s;
            int i;
            while (s < e && is_id((unsigned char)*s))
                s++;
            for (i = 0; i < m->nparams; i++)
                if (strlen(m->params[i]) == (size_t)(s - id) && memcmp(m->params[i], id, (size_t)(s - id)) == 0)
                    break;
            if (i < m->nparams) {
                const char *p = as[i], *pe = ae[i], *after = skip_ws(s, e);
                int pasted = (after + 1 < e && after[0] == '#' && after[1] == '#') ||
                             (out->n >= 1 && id > m->body && id - 2 >= m->body && id[-1] == '#');
                if (strcmp(m->params[i], "__VA_ARGS__") == 0 && i < nargs)
                    pe = ae[nargs - 1]; /* the variadic part is every remaining argument */
                if (i >= nargs)
                    p = pe = "";
                trim(&p, &pe);
                if (pasted)
                    put(out, p, (size_t)(pe - p));
                else
                    expand(pp, p, pe, h, out, depth + 1, at);
            } else
                put(out, id, (size_t)(s - id));
        } else
            putc_(out, *s++);
    }
}

/* Expands every macro in [s, e) into out. A macro is not expanded inside its own expansion. */
static void expand(pp_state *pp, const char *s, const char *e, const hide *h, buf *out, int depth, loc at)
{
    if (depth > MAX_EXPAND_DEPTH) {
        diag_error(pp->c, at, "macro expansion nested deeper than %d levels", MAX_EXPAND_DEPTH);
        return;
    }
    while (s < e) {
        if (*s == '"' || *s == '\'') {
            const char *q = skip_quoted(s, e);
            put(out, s, (size_t)(q - s));
            s = q;
        } else if (is_id0((unsigned char)*s)) {
            const char *id = s;
            macro *m;
            while (s < e && is_id((unsigned char)*s))
                s++;
            m = find_macro(pp, id, (size_t)(s - id));
            if (!m || hidden(h, m)) {
                put(out, id, (size_t)(s - id));
            } else if (m->nparams < 0) {
                hide nh;
                buf body = {0, 0, 0};
                nh.m = m;
                nh.up = h;
                puts_(&body, m->body);
                expand(pp, body.p ? body.p : "", body.p ? body.p + body.n : "", &nh, out, depth + 1, at);
                free(body.p);
            } else {
                const char *open = skip_ws(s, e), *as[65], *ae[65], *after;
                int nargs;
                if (open >= e || *open != '(') {
                    put(out, id, (size_t)(s - id));
                    continue;
                }
                after = collect_args(open, e, as, ae, &nargs, 65);
                if (!after) {
                    diag_error(pp->c, at, "unterminated arguments of macro '%s'", m->name);
                    return;
                }
                if (nargs == 1 && m->nparams == 0) {
                    const char *p = as[0], *pe = ae[0];
                    trim(&p, &pe);
                    if (p == pe)
                        nargs = 0;
                }
                if (nargs != m->nparams && !(m->nparams > 0 && strcmp(m->params[m->nparams - 1], "__VA_ARGS__") == 0 &&
                                             nargs >= m->nparams - 1)) {
                    diag_error(pp->c, at, "macro '%s' takes %d arguments, not %d", m->name, m->nparams, nargs);
                    s = after;
                    continue;
                }
                {
                    hide nh;
                    buf body = {0, 0, 0};
                    nh.m = m;
                    nh.up = h;
                    substitute(pp, m, as, ae, nargs, h, &body, depth, at);
                    expand(pp, body.p ? body.p : "", body.p ? body.p + body.n : "", &nh, out, depth + 1, at);
                    free(body.p);
                }
                s = after;
            }
        } else if (isdigit((unsigned char)*s)) {
            const char *n = s;
            while (s < e && (is_id((unsigned char)*s) || *s == '.'))
                s++;
            put(out, n, (size_t)(s - n));
        } else {
            /* punctuation and spaces up to the next word, number or literal, in one copy */
            const char *n = s++;
            while (s < e && !is_id((unsigned char)*s) && *s != '"' && *s != '\'')
                s++;
            put(out, n, (size_t)(s - n));
        }
    }
}

/* ---- #if expressions ---- */

typedef struct eval {
    pp_state *pp;
    const char *s, *e;
    loc at;
    int bad;
} eval;

static long long e_cond(eval *v);

static void e_ws(eval *v) { v->s = skip_ws(v->s, v->e); }

static int e_op(eval *v, const char *op)
{
    size_t n = strlen(op);
    e_ws(v);
    if ((size_t)(v->e - v->s) >= n && memcmp(v->s, op, n) == 0) {
        /* "<" must not match "<<" or "<=", "&" not "&&", and so on */
        if (n == 1 && v->s + 1 < v->e && strchr("<>&|=", *op) && (v->s[1] == *op || v->s[1] == '='))
            return 0;
        if (n == 1 && *op == '!' && v->s + 1 < v->e && v->s[1] == '=')
            return 0;
        v->s += n;
        return 1;
    }
    return 0;
}

static long long e_unary(eval *v)
{
    e_ws(v);
    if (e_op(v, "!"))
        return !e_unary(v);
    if (e_op(v, "-"))
        return -e_unary(v);
    if (e_op(v, "+"))
        return e_unary(v);
    if (e_op(v, "~"))
        return ~e_unary(v);
    if (e_op(v, "(")) {
        long long x = e_cond(v);
        if (!e_op(v, ")"))
            v->bad = 1;
        return x;
    }
    if (v->s < v->e && isdigit((unsigned char)*v->s)) {
        char *end;
        long long x = (long long)strtoull(v->s, &end, 0);
        v->s = end;
        while (v->s < v->e && strchr("uUlL", *v->s))
            v->s++;
        return x;
    }
    if (v->s < v->e && *v->s == '\'') {
        long long x = v->s + 1 < v->e ? (unsigned char)v->s[1] : 0;
        v->s = skip_quoted(v->s, v->e);
        return x;
    }
    if (v->s < v->e && is_id0((unsigned char)*v->s)) {
        /* an identifier left after expansion is 0 */
        while (v->s < v->e && is_id((unsigned char)*v->s))
            v->s++;
        return 0;
    }
    v->bad = 1;
    return 0;
}

static long long e_binary(eval *v, int level)
{
    static const char *const ops[][4] = {{"||"}, {"&&"}, {"|"}, {"^"}, {"&"}, {"==", "!="},
                                         {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}};
    long long x;
    int i;
    if (level == 10)
        return e_unary(v);
    x = e_binary(v, level + 1);
    for (;;) {
        for (i = 0; i < 4 && ops[level][i]; i++)
            if (e_op(v, ops[level][i]))
                break;
        if (i == 4 || !ops[level][i])
            return x;
        {
            const char *op = ops[level][i];
            long long y = e_binary(v, level + 1);
            if ((op[0] == '/' || op[0] == '%') && y == 0) {
                diag_error(v->pp->c, v->at, "division by zero in #if");
                v->bad = 2;
                y = 1;
            }
            switch (op[0]) {
            case '|': x = op[1] ? (x || y) : (x | y); break;
            case '&': x = op[1] ? (x && y) : (x & y); break;
            case '^': x ^= y; break;
            case '=': x = x == y; break;
            case '!': x = x != y; break;
            case '<': x = op[1] == '=' ? x <= y : op[1] == '<' ? (long long)((unsigned long long)x << (y & 63)) : x < y; break;
            case '>': x = op[1] == '=' ? x >= y : op[1] == '>' ? x >> (y & 63) : x > y; break;
            case '+': x += y; break;
            case '-': x -= y; break;
            case '*': x *= y; break;
            case '/': x = (x == (-9223372036854775807LL - 1) && y == -1) ? x : x / y; break;
            default: x = (y == -1) ? 0 : x % y; break;
            }
        }
    }
}

static long long e_cond(eval *v)
{
    long long x = e_binary(v, 0);
    if (e_op(v, "?")) {
        long long a = e_cond(v), b;
        if (!e_op(v, ":"))
            v->bad = 1;
        b = e_cond(v);
        return x ? a : b;
    }
    return x;
}

/* defined(X) and defined X are decided before expansion, then the rest is expanded and evaluated. */
static long long if_value(pp_state *pp, const char *s, const char *e, loc at)
{
    buf pre = {0, 0, 0}, ex = {0, 0, 0};
    eval v;
    long long x;
    while (s < e) {
        if (is_id0((unsigned char)*s)) {
            const char *id = s;
            while (s < e && is_id((unsigned char)*s))
                s++;
            if (s - id == 7 && memcmp(id, "defined", 7) == 0) {
                const char *n = skip_ws(s, e), *ne;
                int paren = n < e && *n == '(';
                if (paren)
                    n = skip_ws(n + 1, e);
                for (ne = n; ne < e && is_id((unsigned char)*ne); ne++)
                    ;
                if (ne == n) {
                    diag_error(pp->c, at, "'defined' needs a macro name");
                    free(pre.p);
                    return 0;
                }
                s = ne;
                if (paren) {
                    s = skip_ws(s, e);
                    if (s < e && *s == ')')
                        s++;
                }
                puts_(&pre, find_macro(pp, n, (size_t)(ne - n)) ? " 1 " : " 0 ");
            } else
                put(&pre, id, (size_t)(s - id));
        } else
            putc_(&pre, *s++);
    }
    expand(pp, pre.p ? pre.p : "", pre.p ? pre.p + pre.n : "", NULL, &ex, 0, at);
    v.pp = pp;
    v.s = ex.p ? ex.p : "";
    v.e = v.s + ex.n;
    v.at = at;
    v.bad = 0;
    e_ws(&v);
    if (v.s == v.e) {
        diag_error(pp->c, at, "#if with no expression");
        x = 0;
    } else {
        x = e_cond(&v);
        e_ws(&v);
        if (v.bad == 1 || v.s != v.e)
            diag_error(pp->c, at, "bad expression in #if");
    }
    free(pre.p);
    free(ex.p);
    return x;
}

/* ---- files ---- */

/* A logical line: continuation lines joined, comments turned into one space each. Counts the physical
   lines it used in *lines. */
static const char *logical_line(const char *s, const char *e, buf *out, int *lines, int *unterminated)
{
    *lines = 1;
    while (s < e && *s != '\n') {
        if (*s == '\\' && s + 1 < e && s[1] == '\n') {
            s += 2;
            (*lines)++;
        } else if (*s == '\\' && s + 2 < e && s[1] == '\r' && s[2] == '\n') {
            s += 3;
            (*lines)++;
        } else if (*s == '/' && s + 1 < e && s[1] == '*') {
            s += 2;
            while (s < e && !(*s == '*' && s + 1 < e && s[1] == '/')) {
                if (*s == '\n')
                    (*lines)++;
                s++;
            }
            if (s >= e)
                *unterminated = 1;
            else
                s += 2;
            putc_(out, ' ');
        } else if (*s == '/' && s + 1 < e && s[1] == '/') {
            while (s < e && *s != '\n')
                s++;
        } else if (*s == '"' || *s == '\'') {
            const char *q = skip_quoted(s, e);
            put(out, s, (size_t)(q - s));
            s = q;
        } else
            putc_(out, *s++);
    }
    return s < e ? s + 1 : s;
}

typedef struct cond {
    int active;     /* this branch is being copied */
    int done;       /* some branch of this #if was taken */
    int parent;     /* the enclosing region is active */
    int seen_else;
    loc at;
} cond;

static const char *find_include(pp_state *pp, const char *dir, const char *name, int quoted)
{
    int i;
    char path[4096];
    FILE *f;
    if (pp->c->confined && (strchr(name, '/') || strchr(name, '\\') || name[0] == '.'))
        return NULL;
    if (pp->c->confined)
        quoted = 0;
    if (name[0] == '/') {
        f = fopen(name, "rb");
        if (f) {
            fclose(f);
            return arena_strdup(pp->c, name);
        }
        return NULL;
    }
    for (i = quoted ? -1 : 0; i < pp->c->include_dirs.n; i++) {
        const char *d = i < 0 ? dir : pp->c->include_dirs.v[i];
        if (strcmp(d, ".") == 0)
            snprintf(path, sizeof path, "%s", name);
        else
            snprintf(path, sizeof path, "%s/%s", d, name);
        f = fopen(path, "rb");
        if (f) {
            fclose(f);
            return arena_strdup(pp->c, path);
        }
    }
    return NULL;
}

static void run_file(pp_state *pp, const char *path, const char *src, size_t len, buf *out);

/* Returns 1 when the included text and a marker for line_after were written. */
static int do_include(pp_state *pp, const char *file, const char *s, const char *e, loc at, buf *out, int line_after)
{
    char name[1024];
    const char *p, *found, *dir;
    char *text;
    size_t n, len;
    int quoted, i;
    buf ex = {0, 0, 0};
    s = skip_ws(s, e);
    if (s < e && *s != '"' && *s != '<') { /* #include MACRO */
        expand(pp, s, e, NULL, &ex, 0, at);
        s = ex.p ? skip_ws(ex.p, ex.p + ex.n) : "";
        e = ex.p ? ex.p + ex.n : "";
    }
    if (s >= e || (*s != '"' && *s != '<')) {
        diag_error(pp->c, at, "#include expects \"FILE\" or <FILE>");
        free(ex.p);
        return 0;
    }
    quoted = *s == '"';
    p = memchr(s + 1, quoted ? '"' : '>', (size_t)(e - s - 1));
    n = p ? (size_t)(p - s - 1) : 0;
    if (!p || n == 0 || n >= sizeof name) {
        diag_error(pp->c, at, "#include expects \"FILE\" or <FILE>");
        free(ex.p);
        return 0;
    }
    memcpy(name, s + 1, n);
    name[n] = 0;
    free(ex.p);
    {
        const char *slash = strrchr(file, '/');
        dir = slash ? arena_strndup(pp->c, file, (size_t)(slash - file)) : ".";
    }
    found = find_include(pp, dir, name, quoted);
    if (!found) {
        diag_error(pp->c, at, "cannot find include file '%s'", name);
        return 0;
    }
    if (pp->depth == MAX_INCLUDE_DEPTH) {
        /* the innermost includes say where the recursion runs; the outermost file where it began */
        diag_error(pp->c, at, "#include nested deeper than %d levels: '%s' again", MAX_INCLUDE_DEPTH, found);
        for (i = pp->depth - 1; i > 0 && i >= pp->depth - 3; i--)
            diag_note(pp->c, pp->from[i], "'%s' included from here", pp->stack[i]);
        diag_note(pp->c, pp->from[1], "the first of %d nested includes", pp->depth - 1);
        return 0;
    }
    pp->from[pp->depth] = at;
    text = read_file(found, &len);
    if (!text) {
        diag_error(pp->c, at, "cannot read include file '%s'", found);
        return 0;
    }
    strlist_push(&pp->c->read, found);
    run_file(pp, found, text, len, out);
    free(text);
    marker(out, line_after, file);
    return 1;
}

static int word_is(const char *s, const char *e, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(e - s) >= n && memcmp(s, w, n) == 0 && (s + n == e || !is_id((unsigned char)s[n]));
}

#define MAX_LINE 65536

/* Input must be UTF-8 with lines of at most MAX_LINE bytes; reports the first offence and returns 0. */
static int check_text(pp_state *pp, const char *path, const unsigned char *s, size_t len)
{
    size_t i = 0, line_start = 0;
    int line = 1;
    while (i < len) {
        unsigned char b = s[i];
        size_t n = b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 : (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 0;
        size_t k;
        loc at;
        at.file = path;
        at.line = line;
        at.col = (int)(i - line_start) + 1;
        if (b == '\n') {
            if (i - line_start > MAX_LINE) {
                at.col = 1;
                diag_error(pp->c, at, "line is longer than %d bytes", MAX_LINE);
                return 0;
            }
            line++;
            line_start = i + 1;
            i++;
            continue;
        }
        for (k = 1; n && k < n; k++)
            if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
                n = 0;
        /* overlong forms and surrogates are not UTF-8 either */
        if (n == 2 && b < 0xc2)
            n = 0;
        if (n == 3 && ((b == 0xe0 && s[i + 1] < 0xa0) || (b == 0xed && s[i + 1] >= 0xa0)))
            n = 0;
        if (n == 4 && ((b == 0xf0 && s[i + 1] < 0x90) || b > 0xf4 || (b == 0xf4 && s[i + 1] >= 0x90)))
            n = 0;
        if (!n) {
            diag_error(pp->c, at, "invalid UTF-8 (byte 0x%02x)", b);
            return 0;
        }
        i += n;
    }
    if (len - line_start > MAX_LINE) {
        loc at;
        at.file = path;
        at.line = line;
        at.col = 1;
        diag_error(pp->c, at, "line is longer than %d bytes", MAX_LINE);
        return 0;
    }
    return 1;
}

static void run_file(pp_state *pp, const char *path, const char *src, size_t len, buf *out)
{
    const char *s = src, *e = src + len;
    if (!check_text(pp, path, (const unsigned char *)src, len)) {
        marker(out, 1, path);
        return;
    }
    cond conds[MAX_COND_DEPTH];
    int nconds = 0, line = 1, in_comment = 0;
    pp->stack[pp->depth++] = path;
    marker(out, 1, path);
    while (s < e) {
        const char *lstart = s, *p = skip_ws(s, e);
        int active = nconds == 0 || conds[nconds - 1].active;
        if (!in_comment && p < e && *p == '#') {
            buf dl = {0, 0, 0};
            int used, consumed, unterminated = 0;
            const char *d, *de, *w, *we;
            loc at;
            at.file = path;
            at.line = line;
            at.col = (int)(p - lstart) + 1;
            s = logical_line(p + 1, e, &dl, &used, &unterminated);
            consumed = used;
            d = dl.p ? dl.p : "";
            de = d + dl.n;
            w = skip_ws(d, de);
            for (we = w; we < de && is_id((unsigned char)*we); we++)
                ;
            if (unterminated)
                diag_error(pp->c, at, "unterminated comment");
            if (w == we && (w == de || isdigit((unsigned char)*w))) {
                /* "#" alone, or a "# N file" line marker: keep the marker for the lexer */
                if (w != de && active) {
                    put(out, "#", 1);
                    put(out, d, dl.n);
                    putc_(out, '\n');
                    used--; /* the lexer counts from the line the marker names */
                }
            } else if (word_is(w, we, "if") || word_is(w, we, "ifdef") || word_is(w, we, "ifndef")) {
                cond *c;
                if (nconds == MAX_COND_DEPTH) {
                    diag_error(pp->c, at, "#if nested deeper than %d levels", MAX_COND_DEPTH);
                    free(dl.p);
                    break;
                }
                c = &conds[nconds++];
                c->parent = active;
                c->seen_else = 0;
                c->at = at;
                if (!active)
                    c->active = 0;
                else if (w[2] == 'd' || w[2] == 'n') {
                    const char *n = skip_ws(we, de), *ne = n;
                    while (ne < de && is_id((unsigned char)*ne))
                        ne++;
                    if (ne == n)
                        diag_error(pp->c, at, "#%.*s needs a macro name", (int)(we - w), w);
                    c->active = (find_macro(pp, n, (size_t)(ne - n)) != NULL) == (w[2] == 'd');
                } else
                    c->active = if_value(pp, we, de, at) != 0;
                c->done = c->active;
            } else if (word_is(w, we, "elif") || word_is(w, we, "else")) {
                if (nconds == 0)
                    diag_error(pp->c, at, "#%.*s without #if", (int)(we - w), w);
                else {
                    cond *c = &conds[nconds - 1];
                    if (c->seen_else)
                        diag_error(pp->c, at, "#%.*s after #else", (int)(we - w), w);
                    if (w[1] == 'l' && w[2] == 's')
                        c->seen_else = 1;
                    if (!c->parent || c->done)
                        c->active = 0;
                    else
                        c->active = w[2] == 's' ? 1 : if_value(pp, we, de, at) != 0;
                    if (c->active)
                        c->done = 1;
                }
            } else if (word_is(w, we, "endif")) {
                if (nconds == 0)
                    diag_error(pp->c, at, "#endif without #if");
                else
                    nconds--;
            } else if (!active) {
                /* other directives in a skipped region are not even looked at */
            } else if (word_is(w, we, "define")) {
                define(pp, we, de, at);
            } else if (word_is(w, we, "undef")) {
                const char *n = skip_ws(we, de), *ne = n;
                while (ne < de && is_id((unsigned char)*ne))
                    ne++;
                undef(pp, n, (size_t)(ne - n));
            } else if (word_is(w, we, "include")) {
                /* the included text brings its own markers, and one that names our next line */
                if (do_include(pp, path, we, de, at, out, line + used))
                    consumed = used, used = 0;
            } else if (word_is(w, we, "pragma") || word_is(w, we, "ident")) {
                /* #pragma is ignored: widl's pragmas (makedep, winrt) say nothing about vtables */
            } else if (word_is(w, we, "line")) {
                putc_(out, '#');
                put(out, d, dl.n);
                putc_(out, '\n');
                used--; /* the lexer now counts from the line this names */
            } else if (word_is(w, we, "error")) {
                diag_error(pp->c, at, "#error%.*s", (int)(de - we), we);
            } else if (word_is(w, we, "warning")) {
                fprintf(stderr, "%s:%d:%d: warning: #warning%.*s\n", at.file, at.line, at.col, (int)(de - we), we);
            } else {
                diag_error(pp->c, at, "unknown preprocessor directive '#%.*s'", (int)(we - w), w);
            }
            for (; used > 0; used--)
                putc_(out, '\n');
            line += consumed;
            free(dl.p);
            continue;
        }
        /* An ordinary line: copied when active (macros expanded outside strings and comments), else blank.
           A backslash-newline joins the next line; the newlines it took are written after it. */
        {
            const char *le = s;
            buf joined = {0, 0, 0};
            int extra = 0;
            while (le < e && *le != '\n')
                le++;
            if (le > s && le[-1] == '\\' && le < e) {
                const char *q = s;
                for (;;) {
                    const char *qe = q;
                    while (qe < e && *qe != '\n')
                        qe++;
                    if (qe > q && qe[-1] == '\\' && qe < e) {
                        put(&joined, q, (size_t)(qe - q - 1));
                        extra++;
                        q = qe + 1;
                        continue;
                    }
                    put(&joined, q, (size_t)(qe - q));
                    le = qe;
                    break;
                }
            }
            if (active || in_comment) {
                const char *base = joined.p ? joined.p : s, *lend = joined.p ? joined.p + joined.n : le;
                const char *q = base;
                while (q < lend) {
                    if (in_comment) {
                        const char *end = q;
                        while (end < lend && !(*end == '*' && end + 1 < lend && end[1] == '/'))
                            end++;
                        if (end < lend) {
                            end += 2;
                            in_comment = 0;
                        }
                        if (active)
                            put(out, q, (size_t)(end - q));
                        q = end;
                    } else if (*q == '/' && q + 1 < lend && q[1] == '*') {
                        in_comment = 1;
                        if (active)
                            put(out, q, 2);
                        q += 2;
                    } else if (*q == '/' && q + 1 < lend && q[1] == '/') {
                        if (active)
                            put(out, q, (size_t)(lend - q));
                        q = lend;
                    } else if (!active) {
                        q++;
                    } else {
                        /* code up to the next comment; expand() itself steps over strings */
                        const char *r = q;
                        loc at;
                        while (r < lend && !(*r == '/' && r + 1 < lend && (r[1] == '*' || r[1] == '/'))) {
                            if (*r == '"' || *r == '\'')
                                r = skip_quoted(r, lend);
                            else
                                r++;
                        }
                        at.file = path;
                        at.line = line;
                        at.col = (int)(q - base) + 1;
                        expand(pp, q, r, NULL, out, 0, at);
                        q = r;
                    }
                }
            }
            if (le < e)
                putc_(out, '\n');
            for (; extra > 0; extra--, line++)
                putc_(out, '\n');
            free(joined.p);
            line++;
            s = le < e ? le + 1 : le;
        }
    }
    if (nconds > 0)
        diag_error(pp->c, conds[nconds - 1].at, "unterminated '#if'");
    pp->depth--;
}

pp_state *pp_new(gen_ctx *c)
{
    pp_state *pp = (pp_state *)arena_alloc(c, sizeof *pp);
    int i;
    pp->c = c;
    /* What widl predefines: the target (every SDK header wants it), and itself, so that headers written
       for widl take their IDL branch. */
    pp_define(pp, "_WIN32");
    pp_define(pp, "__WIDL__");
    pp_define(pp, "__midl=501");
    for (i = 0; i < c->pp_ops.n; i++) {
        if (c->pp_ops.v[i][0] == 'D')
            pp_define(pp, c->pp_ops.v[i] + 1);
        else
            pp_undef(pp, c->pp_ops.v[i] + 1);
    }
    return pp;
}

char *pp_run(pp_state *pp, const char *path, const char *src, size_t len, size_t *out_len)
{
    buf out = {0, 0, 0};
    run_file(pp, path, src, len, &out);
    if (!out.p)
        puts_(&out, "");
    *out_len = out.n;
    return out.p;
}
