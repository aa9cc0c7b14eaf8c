/* util.c -- the generator's context: arena allocation, string lists, diagnostics, file reading. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen.h"

struct arena_block {
    arena_block *next;
    size_t used, size;
    /* data follows, aligned like max_align_t would be */
};

#define ALIGN 16
#define BLOCK_HEAD ((sizeof(arena_block) + ALIGN - 1) / ALIGN * ALIGN)

struct diag_source {
    char *name; /* as the diagnostic names it */
    char *text; /* NULL: it could not be read */
};

void ctx_init(gen_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->src = (struct diag_source *)calloc(1, sizeof *c->src); /* NULL: no source lines, still correct */
}

void ctx_free(gen_ctx *c)
{
    arena_block *b = c->arena, *n;
    for (; b; b = n) {
        n = b->next;
        free(b);
    }
    strlist_free(&c->include_dirs);
    strlist_free(&c->read);
    strlist_free(&c->pp_ops);
    if (c->src) {
        free(c->src->name);
        free(c->src->text);
        free(c->src);
        c->src = NULL;
    }
    c->arena = NULL;
}

void *arena_alloc(gen_ctx *c, size_t n)
{
    arena_block *b = c->arena;
    void *p;
    n = (n + ALIGN - 1) / ALIGN * ALIGN;
    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = (arena_block *)malloc(BLOCK_HEAD + size);
        if (!b) {
            fputs("mfcb-gen: error: out of memory\n", stderr);
            exit(1);
        }
        b->next = c->arena;
        b->used = 0;
        b->size = size;
        c->arena = b;
    }
    p = (char *)b + BLOCK_HEAD + b->used;
    b->used += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(gen_ctx *c, const char *s, size_t n)
{
    char *p = (char *)arena_alloc(c, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_strdup(gen_ctx *c, const char *s) { return arena_strndup(c, s, strlen(s)); }

void strlist_push(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        const char **v = (const char **)realloc((void *)l->v, (size_t)cap * sizeof *v);
        if (!v) {
            fputs("mfcb-gen: error: out of memory\n", stderr);
            exit(1);
        }
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
}

void strlist_free(strlist *l)
{
    free((void *)l->v);
    memset(l, 0, sizeof *l);
}

/* The text of the file a location names: by that name, or by the path it was found at, read once. */
static const char *source_text(const gen_ctx *c, const char *name)
{
    struct diag_source *s = c->src;
    const idl_file *f;
    size_t len;
    if (!s)
        return NULL;
    if (s->name && strcmp(s->name, name) == 0)
        return s->text;
    free(s->name);
    free(s->text);
    s->name = (char *)malloc(strlen(name) + 1);
    if (s->name)
        strcpy(s->name, name);
    s->text = read_file(name, &len);
    for (f = c->files; !s->text && f; f = f->next)
        if (f->name && f->path && strcmp(f->name, name) == 0)
            s->text = read_file(f->path, &len);
    return s->text;
}

/* The line at.line of its file, then spaces (tabs where the line has them) and '^' under at.col. */
static void show_caret(const gen_ctx *c, loc at)
{
    const char *t, *end;
    int line = 1, k;
    if (!at.file || at.line < 1 || at.col < 1 || !(t = source_text(c, at.file)))
        return;
    for (; *t && line < at.line; t++)
        if (*t == '\n')
            line++;
    if (line != at.line || !*t)
        return;
    for (end = t; *end && *end != '\n' && *end != '\r'; end++)
        ;
    if (end - t > 400 || at.col > (int)(end - t) + 1)
        return; /* a minified line, or a column past it: the message says enough */
    fprintf(stderr, " %.*s\n ", (int)(end - t), t);
    for (k = 1; k < at.col; k++)
        fputc(t[k - 1] == '\t' ? '\t' : ' ', stderr);
    fputs("^\n", stderr);
}

static void vdiag(const gen_ctx *c, loc at, const char *what, const char *fmt, va_list ap)
{
    if (c->quiet)
        return;
    fprintf(stderr, "%s:%d:%d: %s: ", at.file, at.line, at.col, what);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    show_caret(c, at);
}

void diag_warning(gen_ctx *c, loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, at, "warning", fmt, ap);
    va_end(ap);
}

void diag_error(gen_ctx *c, loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, at, "error", fmt, ap);
    va_end(ap);
    c->errors++;
}

void diag_note(gen_ctx *c, loc at, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vdiag(c, at, "note", fmt, ap);
    va_end(ap);
}

void diag_plain(gen_ctx *c, const char *fmt, ...)
{
    va_list ap;
    c->errors++;
    if (c->quiet)
        return;
    fputs("mfcb-gen: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (!f)
        return NULL;
    for (;;) {
        size_t got;
        if (cap - n < 4096) {
            char *nb;
            cap = cap ? cap * 2 : 65536;
            nb = (char *)realloc(buf, cap + 1);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
        if (n > ((size_t)256 << 20)) { /* no IDL file is this big: a device or a mistake */
            free(buf);
            fclose(f);
            return NULL;
        }
    }
    if (ferror(f)) {
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}
