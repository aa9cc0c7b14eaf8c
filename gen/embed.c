/* embed.c -- mfcb-embed OUT ROOT NAME...: writes OUT, a C file holding each ROOT/NAME as a byte array in
   the embedded_files table (embedded.h), for mfcb-gen's built-in templates. OUT is rewritten only when its
   bytes change, so an unchanged template rebuilds nothing. Both builds (CMake, Meson) run it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct text {
    char *p;
    size_t n, cap;
} text;

static void add(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = (t->n + n + 1) * 2;
        t->p = (char *)realloc(t->p, t->cap);
        if (!t->p) {
            fputs("mfcb-embed: out of memory\n", stderr);
            exit(1);
        }
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    t->p[t->n] = 0;
}

static void adds(text *t, const char *s) { add(t, s, strlen(s)); }

int main(int argc, char **argv)
{
    text out = {0, 0, 0}, table = {0, 0, 0};
    char line[256];
    int i;
    FILE *f;
    if (argc < 4) {
        fputs("usage: mfcb-embed OUT ROOT NAME...\n", stderr);
        return 2;
    }
    adds(&out, "/* embedded.c -- generated from the template sources at build time; do not edit. */\n"
               "#include \"embedded.h\"\n\n");
    for (i = 3; i < argc; i++) {
        size_t len = 0;
        int c, col = 0;
        snprintf(line, sizeof line, "%s/%s", argv[2], argv[i]);
        f = fopen(line, "rb");
        if (!f) {
            fprintf(stderr, "mfcb-embed: cannot read '%s'\n", line);
            return 1;
        }
        snprintf(line, sizeof line, "static const unsigned char file%d[] = {\n", i - 3);
        adds(&out, line);
        while ((c = getc(f)) != EOF) {
            snprintf(line, sizeof line, "0x%02x,%s", c, ++col == 16 ? "\n" : "");
            if (col == 16)
                col = 0;
            adds(&out, line);
            len++;
        }
        fclose(f);
        adds(&out, "0};\n\n");
        snprintf(line, sizeof line, "    {\"%s\", file%d, %lu},\n", argv[i], i - 3, (unsigned long)len);
        adds(&table, line);
    }
    adds(&out, "const embedded_file embedded_files[] = {\n");
    if (table.p)
        adds(&out, table.p);
    adds(&out, "    {0, 0, 0},\n};\n");
    f = fopen(argv[1], "rb");
    if (f) {
        text old = {0, 0, 0};
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0)
            add(&old, buf, n);
        fclose(f);
        if (old.n == out.n && memcmp(old.p, out.p, out.n) == 0)
            return 0;
    }
    f = fopen(argv[1], "wb");
    if (!f || fwrite(out.p, 1, out.n, f) != out.n || fclose(f) != 0) {
        fprintf(stderr, "mfcb-embed: cannot write '%s'\n", argv[1]);
        return 1;
    }
    return 0;
}
