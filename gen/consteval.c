/* consteval.c -- integer constant expressions of IDL (const values, enumerator values, array dimensions),
   evaluated as C would, so that one C rejects is an error here: division by zero, a shift or arithmetic
   past 64 bits, a malformed expression. Names are IDL consts and enumerators, read through lookup_const;
   a name that is neither (a macro of the SDK's C headers, MAX_PATH) leaves the expression unevaluated,
   which is no error: widl takes those, and C resolves them. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "consteval.h"

typedef struct ev {
    const char *p;
    ce_status st;
    const char *name; /* the unknown name, for CE_UNKNOWN */
    int name_len;
    ce_lookup lookup;
    void *ud;
    int depth;
} ev;

static void skip(ev *e)
{
    while (isspace((unsigned char)*e->p))
        e->p++;
}

/* The first failure is the answer, but for an unknown name: past one the values mean nothing, so only a
   malformed expression is still worth saying. */
static int64_t fail(ev *e, ce_status st)
{
    if (e->st == CE_OK || (e->st == CE_UNKNOWN && st == CE_SYNTAX))
        e->st = st;
    return 0;
}

static int accept(ev *e, const char *op)
{
    size_t n = strlen(op);
    skip(e);
    if (strncmp(e->p, op, n) != 0)
        return 0;
    /* '<' is not the start of '<<' or '<=', '&' not of '&&', and so on */
    if (n == 1 && (e->p[1] == op[0] || (e->p[1] == '=' && strchr("<>!=", op[0]))) && op[0] != '~' &&
        op[0] != '(' && op[0] != ')' && op[0] != '?' && op[0] != ':')
        return 0;
    if (n == 2 && op[0] == op[1] && (op[0] == '<' || op[0] == '>') && e->p[2] == '=')
        return 0;
    e->p += n;
    return 1;
}

static int64_t ternary(ev *e);

static int64_t number(ev *e)
{
    uint64_t v = 0;
    const char *s = e->p;
    int base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s += 2;
    else if (s[0] == '0')
        base = 8;
    for (;; s++) {
        int d = isdigit((unsigned char)*s) ? *s - '0'
                : isxdigit((unsigned char)*s) && base == 16 ? (tolower((unsigned char)*s) - 'a' + 10)
                                                            : -1;
        if (d < 0 || d >= base)
            break;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
            return e->p = s, fail(e, CE_OVERFLOW);
        v = v * (uint64_t)base + (uint64_t)d;
    }
    while (*s == 'u' || *s == 'U' || *s == 'l' || *s == 'L')
        s++;
    if (isalnum((unsigned char)*s) || *s == '.' || *s == '_')
        return e->p = s, fail(e, CE_UNEVALUATED); /* a float, or a suffix C does not have */
    e->p = s;
    return (int64_t)v; /* as C's unsigned long long read back: 0xFFFFFFFFFFFFFFFF is -1 */
}

int ce_type_word(const char *w, size_t n)
{
    static const char *const words[] = {"unsigned", "signed", "long", "int", "short", "char", "hyper", "const",
                                        "void", "float", "double", "wchar_t", "byte", "small", "boolean",
                                        "__int8", "__int16", "__int32", "__int64", "__int3264", NULL};
    int k;
    for (k = 0; words[k]; k++)
        if (n == strlen(words[k]) && strncmp(w, words[k], n) == 0)
            return 1;
    return 0;
}

static int64_t unary(ev *e)
{
    skip(e);
    if (accept(e, "-")) {
        int64_t v = unary(e);
        return v == INT64_MIN ? fail(e, CE_OVERFLOW) : -v;
    }
    if (accept(e, "+"))
        return unary(e);
    if (accept(e, "~"))
        return ~unary(e);
    if (accept(e, "!"))
        return !unary(e);
    if (accept(e, "(")) {
        /* a cast, (TYPE) operand: the type's words are skipped, the operand evaluated */
        const char *save = e->p;
        int words = 0;
        for (;;) {
            const char *w;
            skip(e);
            w = e->p;
            while (isalnum((unsigned char)*e->p) || *e->p == '_')
                e->p++;
            if (e->p == w)
                break;
            words++;
            {
                int known = ce_type_word(w, (size_t)(e->p - w));
                if (!known && words == 1 && e->lookup(e->ud, w, (int)(e->p - w), NULL) == 0) {
                    /* one word that is no constant: a type name, if a ')' and an operand follow */
                    const char *after = e->p;
                    skip(e);
                    while (*e->p == '*' || isspace((unsigned char)*e->p))
                        e->p++; /* (OLECHAR *) */
                    if (*e->p == ')' && (isalnum((unsigned char)e->p[1]) || e->p[1] == '(' || e->p[1] == '_' ||
                                         isspace((unsigned char)e->p[1]) || e->p[1] == '-' || e->p[1] == '~')) {
                        e->p = after;
                        continue;
                    }
                    e->p = after;
                    words = -1;
                    break;
                }
                if (!known) {
                    words = -1;
                    break;
                }
            }
        }
        skip(e);
        while (words > 0 && *e->p == '*')
            e->p++, skip(e);
        if (words > 0 && accept(e, ")"))
            return unary(e);
        e->p = save;
        {
            int64_t v = ternary(e);
            if (!accept(e, ")"))
                return fail(e, CE_SYNTAX);
            return v;
        }
    }
    if (isdigit((unsigned char)*e->p))
        return number(e);
    if (*e->p == '\'') {
        /* 'c' or '\n'-style: its code */
        int64_t v;
        e->p++;
        if (*e->p == '\\') {
            static const char esc[] = "n\nt\tr\r0\0\\\\''\"\"a\ab\bf\fv\v";
            const char *q;
            e->p++;
            for (q = esc; *q && *q != *e->p; q += 2)
                ;
            if (!*q && *e->p != '0')
                return fail(e, CE_UNEVALUATED);
            v = *q ? (unsigned char)q[1] : 0;
        } else
            v = (unsigned char)*e->p;
        e->p++;
        if (*e->p != '\'')
            return fail(e, CE_SYNTAX);
        e->p++;
        return v;
    }
    if (isalpha((unsigned char)*e->p) || *e->p == '_') {
        const char *w = e->p;
        long long v;
        while (isalnum((unsigned char)*e->p) || *e->p == '_')
            e->p++;
        if ((e->p - w == 4 && strncmp(w, "TRUE", 4) == 0) || (e->p - w == 5 && strncmp(w, "FALSE", 5) == 0))
            return *w == 'T'; /* widl's own words */
        if (e->p - w == 6 && strncmp(w, "sizeof", 6) == 0)
            return fail(e, CE_UNEVALUATED); /* the sizes of C's types are C's */
        switch (e->lookup(e->ud, w, (int)(e->p - w), &v)) {
        case 1:
            return (int64_t)v;
        case 2:
            return fail(e, CE_UNEVALUATED); /* a constant whose own value cannot be evaluated */
        default:
            if (e->st == CE_OK) {
                e->name = w;
                e->name_len = (int)(e->p - w);
            }
            return fail(e, CE_UNKNOWN);
        }
    }
    if (*e->p == '"' || *e->p == 'L')
        return fail(e, CE_UNEVALUATED);
    return fail(e, CE_SYNTAX);
}

static int64_t mul(ev *e)
{
    int64_t v = unary(e);
    for (;;) {
        if (accept(e, "*")) {
            int64_t r = unary(e);
            if (v != 0 && r != 0 && ((v == -1 && r == INT64_MIN) || (r == -1 && v == INT64_MIN) ||
                                     (v > 0 ? (r > 0 ? v > INT64_MAX / r : r < INT64_MIN / v)
                                            : (r > 0 ? v < INT64_MIN / r : v < INT64_MAX / r))))
                return fail(e, CE_OVERFLOW);
            v *= r;
        } else if (accept(e, "/") || accept(e, "%")) {
            char op = e->p[-1];
            int64_t r = unary(e);
            if (r == 0)
                return fail(e, CE_DIV_ZERO);
            if (v == INT64_MIN && r == -1)
                return fail(e, CE_OVERFLOW);
            v = op == '/' ? v / r : v % r;
        } else
            return v;
    }
}

static int64_t add(ev *e)
{
    int64_t v = mul(e);
    for (;;) {
        if (accept(e, "+")) {
            int64_t r = mul(e);
            if ((r > 0 && v > INT64_MAX - r) || (r < 0 && v < INT64_MIN - r))
                return fail(e, CE_OVERFLOW);
            v += r;
        } else if (accept(e, "-")) {
            int64_t r = mul(e);
            if ((r < 0 && v > INT64_MAX + r) || (r > 0 && v < INT64_MIN + r))
                return fail(e, CE_OVERFLOW);
            v -= r;
        } else
            return v;
    }
}

static int64_t shift(ev *e)
{
    int64_t v = add(e);
    for (;;) {
        int left = accept(e, "<<");
        if (!left && !accept(e, ">>"))
            return v;
        {
            int64_t r = add(e);
            if (r < 0 || r >= 64)
                return fail(e, CE_OVERFLOW);
            v = left ? (int64_t)((uint64_t)v << r) : v >> r;
        }
    }
}

static int64_t relation(ev *e)
{
    int64_t v = shift(e);
    for (;;) {
        if (accept(e, "<="))
            v = v <= shift(e);
        else if (accept(e, ">="))
            v = v >= shift(e);
        else if (accept(e, "<"))
            v = v < shift(e);
        else if (accept(e, ">"))
            v = v > shift(e);
        else
            return v;
    }
}

static int64_t equality(ev *e)
{
    int64_t v = relation(e);
    for (;;) {
        if (accept(e, "=="))
            v = v == relation(e);
        else if (accept(e, "!="))
            v = v != relation(e);
        else
            return v;
    }
}

static int64_t bit_and(ev *e)
{
    int64_t v = equality(e);
    while (accept(e, "&"))
        v &= equality(e);
    return v;
}

static int64_t bit_xor(ev *e)
{
    int64_t v = bit_and(e);
    while (accept(e, "^"))
        v ^= bit_and(e);
    return v;
}

static int64_t bit_or(ev *e)
{
    int64_t v = bit_xor(e);
    while (accept(e, "|"))
        v |= bit_xor(e);
    return v;
}

static int64_t logic_and(ev *e)
{
    int64_t v = bit_or(e);
    while (accept(e, "&&")) {
        int64_t r = bit_or(e);
        v = v && r;
    }
    return v;
}

static int64_t logic_or(ev *e)
{
    int64_t v = logic_and(e);
    while (accept(e, "||")) {
        int64_t r = logic_and(e);
        v = v || r;
    }
    return v;
}

static int64_t ternary(ev *e)
{
    int64_t v;
    if (++e->depth > 200)
        return fail(e, CE_SYNTAX);
    v = logic_or(e);
    if (accept(e, "?")) {
        int64_t a = ternary(e), b;
        if (!accept(e, ":"))
            return fail(e, CE_SYNTAX);
        b = ternary(e);
        v = v ? a : b;
    }
    e->depth--;
    return v;
}

ce_status ce_eval(const char *text, ce_lookup lookup, void *ud, long long *value, const char **name, int *name_len)
{
    ev e;
    int64_t v;
    memset(&e, 0, sizeof e);
    e.p = text;
    e.lookup = lookup;
    e.ud = ud;
    v = ternary(&e);
    skip(&e);
    if ((e.st == CE_OK || e.st == CE_UNKNOWN) && *e.p)
        e.st = CE_SYNTAX;
    if (value)
        *value = (long long)v;
    if (name) {
        *name = e.name;
        *name_len = e.name_len;
    }
    return e.st;
}
