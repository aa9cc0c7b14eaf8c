/* main.c -- mfcb-gen's command line: options, the pipeline, and writing outputs atomically. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef _WIN32
#include <direct.h>
#include <process.h>
#define getpid _getpid
#define make_dir(p) _mkdir(p)
#ifndef S_ISDIR
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#endif
#else
#include <unistd.h>
#define make_dir(p) mkdir(p, 0777)
#endif

#include "gen.h"

static const char usage[] =
    "usage: mfcb-gen [options] FILE.idl [FILE.idl...]\n"
    "\n"
    "Reads FILE.idl and its imports and writes STEM.cb.h and STEM.cb.c: C objects that implement the\n"
    "selected COM interfaces on top of libmfcb (STEM is FILE's name without .idl). Several files in one\n"
    "run are each generated as if alone, with every file they import read once for all of them; the\n"
    "options then apply to every file, and --interface, --object, --queued, --direct and -E, which name\n"
    "what one file holds, are refused.\n"
    "\n"
    "options:\n"
    "  -I DIR            search DIR for imported files, after the importing file's own directory\n"
    "                    (repeatable, searched in order)\n"
    "  -o DIR            write the outputs into DIR, created if missing (default: .)\n"
    "  --interface NAME  implement interface NAME, which FILE or an import defines (repeatable;\n"
    "                    default: every [object] interface defined in FILE itself, WinRT ones\n"
    "                    left out; with none, nothing is written and a note says so, unless\n"
    "                    --templates gives templates of one's own)\n"
    "  --object NAME=I1,I2,...\n"
    "                    also implement one object, NAME, with all of I1, I2, ... (interfaces of FILE or\n"
    "                    its imports; none may be a base of another): mfcb_NAME_new makes it, one\n"
    "                    handler table serves every interface, QueryInterface answers each IID of each\n"
    "                    chain (repeatable)\n"
    "  --queued NAME     with a queue in the options, record the calls of NAME and return at once\n"
    "                    (NAME is INTERFACE, for the methods it declares, or INTERFACE::METHOD;\n"
    "                    repeatable)\n"
    "  --direct NAME     run NAME's methods in the caller's thread even with a queue (the same NAMEs).\n"
    "                    Only notifications are queued: methods marked [mfcb_queued] in the IDL,\n"
    "                    themselves or their interface (idl/'s callbacks are), or named by --queued.\n"
    "                    The options override the IDL, a method's mark its interface's; a method that\n"
    "                    cannot be queued ([out] parameters, a result, [mfcb_direct]) never is\n"
    "  --templates DIR   read c.lua, cb_h.tmpl and cb_c.tmpl from DIR instead of the built-in templates\n"
    "  -D NAME[=VALUE]   define a preprocessor macro (VALUE defaults to 1)\n"
    "  -U NAME           undefine a preprocessor macro, the predefined ones included\n"
    "  -E                print the preprocessed input file to stdout and write nothing else\n"
    "  --depfile FILE    also write FILE, a Make rule naming both outputs and every file read (the input,\n"
    "                    its imports, templates from --templates), so a build regenerates when any changes\n"
    "                    (with several inputs: one rule, all outputs, every file any of them read)\n"
    "  -h, --help        print this help and exit\n"
    "  --version         print the version and exit\n"
    "\n"
    "The preprocessor handles #include \"FILE\" (searched beside the including file, then on -I) and\n"
    "<FILE> (searched on -I), #define (object-like and function-like, with # and ##), #undef, #if,\n"
    "#ifdef, #ifndef, #elif, #else, #endif with defined() and integer expressions, #error, #line and\n"
    "'# N \"file\"' markers. #pragma is ignored. A file may include itself (guarded re-inclusion);\n"
    "includes nested deeper than 200 are an error. Predefined macros, as widl's: _WIN32 (1), the\n"
    "target's; __WIDL__ (1), so that headers written for widl take their IDL branch; and __midl (501).\n"
    "As with widl, every imported file starts afresh from these and the command line's -D and -U: macros\n"
    "do not travel through import.\n"
    "\n"
    "Outputs are written to a temporary file and renamed into place; an output whose bytes did not change\n"
    "is left untouched. On any error in a file nothing is written for it (the other files of the run are\n"
    "still written, and the depfile is not).\n"
    "\n"
    "exit status: 0 success, 1 errors in the input or while writing the outputs, 2 bad command line\n";

static void put_escaped(FILE *f, const char *path)
{
    for (; *path; path++) {
        if (*path == ' ' || *path == '#' || *path == '\\')
            fputc('\\', f);
        if (*path == '$')
            fputc('$', f);
        fputc(*path, f);
    }
}

/* Make syntax: "a.cb.h a.cb.c b.cb.h b.cb.c: a.idl imported.idl ...", written through a temporary file. */
static int write_depfile(gen_ctx *c, const char *depfile, const char *dir, const strlist *stems, const strlist *deps,
                         const char *tdir)
{
    static const char *const templates[] = {"c.lua", "cb_h.tmpl", "cb_c.tmpl"};
    char temp[4096];
    FILE *out;
    int i, k, ok;
    snprintf(temp, sizeof temp, "%s.%ld.tmp", depfile, (long)getpid());
    out = fopen(temp, "wb");
    if (!out) {
        diag_plain(c, "cannot write '%s': %s", temp, strerror(errno));
        return 1;
    }
    for (k = 0; k < stems->n; k++)
        for (i = 0; i < 2; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s%s", dir, stems->v[k], i == 0 ? ".cb.h" : ".cb.c");
            put_escaped(out, path);
            fputs(k + 1 == stems->n && i == 1 ? ":" : " ", out);
        }
    for (i = 0; i < deps->n; i++) {
        fputs(" \\\n  ", out);
        put_escaped(out, deps->v[i]);
    }
    for (i = 0; tdir && i < 3; i++) {
        fputs(" \\\n  ", out);
        put_escaped(out, tdir);
        fputc('/', out);
        put_escaped(out, templates[i]);
    }
    fputc('\n', out);
    ok = !ferror(out);
    if (fclose(out) != 0)
        ok = 0;
#ifdef _WIN32
    remove(depfile);
#endif
    if (!ok || rename(temp, depfile) != 0) {
        diag_plain(c, "cannot write '%s': %s", depfile, strerror(errno));
        remove(temp);
        return 1;
    }
    return 0;
}

/* mfcb-gen can implement an [object] interface whose chain up to IUnknown has uuids throughout. */
static void check_implementable(gen_ctx *c, const iface *f)
{
    const iface *b;
    if (f->d->ns) {
        diag_error(c, f->d->at, "cannot implement '%s': it is a WinRT interface (namespace %s)", f->name, f->d->ns);
        return;
    }
    if (!f->is_object) {
        diag_error(c, f->d->at, "cannot implement '%s': it is not an [object] interface", f->name);
        return;
    }
    for (b = f; b->base; b = b->base)
        if (!b->has_uuid) {
            diag_error(c, b->d->at, "cannot implement '%s': %s has no uuid", f->name,
                       b == f ? "it" : b->name);
            return;
        }
    if (strcmp(b->name, "IUnknown") != 0)
        diag_error(c, b->d->at, "cannot implement '%s': its inheritance does not reach IUnknown", f->name);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("mfcb-gen: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(run 'mfcb-gen --help' for usage)\n", stderr);
    return 2;
}

/* --object NAME=I1,I2,...: NAME and every interface a C identifier, at least one interface. Splits the spec
   into o (names copied into the arena); returns 0 when it is malformed. */
static int parse_object(gen_ctx *c, const char *spec, gen_object *o)
{
    const char *q = spec;
    int len;
    memset(o, 0, sizeof *o);
    for (;;) {
        for (len = 0; q[len] == '_' || isalnum((unsigned char)q[len]); len++)
            ;
        if (len == 0 || isdigit((unsigned char)q[0]))
            return 0;
        if (!o->name) {
            o->name = arena_strndup(c, q, (size_t)len);
            q += len;
            if (*q++ != '=')
                return 0;
            continue;
        }
        strlist_push(&o->ifaces, arena_strndup(c, q, (size_t)len));
        q += len;
        if (*q == 0)
            return 1;
        if (*q++ != ',')
            return 0;
    }
}

static void free_objects(gen_request *req)
{
    int n;
    for (n = 0; n < req->nobjects; n++)
        strlist_free(&req->objects[n].ifaces);
    free(req->objects);
    req->objects = NULL;
    req->nobjects = 0;
}

/* Checks what --object named: every interface exists and can be implemented, none is in another's chain
   (or named twice), and no two objects, or an object and an implemented interface, share a name (both would
   be mfcb_NAME_new). */
static void check_objects(gen_ctx *c, const gen_request *req)
{
    int n, k, j;
    for (n = 0; n < req->nobjects; n++) {
        const gen_object *o = &req->objects[n];
        for (k = 0; k < req->interfaces.n; k++)
            if (strcmp(req->interfaces.v[k], o->name) == 0)
                diag_plain(c, "--object %s: an interface of that name is implemented too", o->name);
        for (k = 0; k < n; k++)
            if (strcmp(req->objects[k].name, o->name) == 0)
                diag_plain(c, "--object %s: given twice", o->name);
        for (k = 0; k < o->ifaces.n; k++) {
            iface *f = sema_find_iface(c, o->ifaces.v[k]);
            if (!f) {
                diag_plain(c, "--object %s: no interface '%s' in %s or its imports", o->name, o->ifaces.v[k],
                           req->input_name);
                continue;
            }
            check_implementable(c, f);
            for (j = 0; j < o->ifaces.n; j++) {
                const iface *b;
                if (j == k)
                    continue;
                for (b = sema_find_iface(c, o->ifaces.v[j]); b; b = b->base)
                    if (b == f && strcmp(f->name, "IUnknown") != 0)
                        break;
                if (!b)
                    continue;
                if (strcmp(o->ifaces.v[j], o->ifaces.v[k]) != 0)
                    diag_plain(c, "--object %s: '%s' is already in it, as a base of '%s'", o->name, o->ifaces.v[k],
                               o->ifaces.v[j]);
                else if (j < k)
                    diag_plain(c, "--object %s: '%s' is named twice", o->name, o->ifaces.v[k]);
            }
        }
    }
}

/* Checks --queued and --direct: each NAME an interface of the model, or INTERFACE::METHOD with METHOD
   declared by INTERFACE itself, and none given to both. */
static void check_marks(gen_ctx *c, const gen_request *req)
{
    const strlist *lists[2];
    int l, k, j;
    lists[0] = &req->queued;
    lists[1] = &req->direct;
    for (l = 0; l < 2; l++)
        for (k = 0; k < lists[l]->n; k++) {
            const char *name = lists[l]->v[k], *sep = strstr(name, "::");
            const char *opt = l ? "--direct" : "--queued";
            char iname[256];
            size_t n = sep ? (size_t)(sep - name) : strlen(name);
            const iface *f;
            if (n >= sizeof iname)
                n = sizeof iname - 1;
            memcpy(iname, name, n);
            iname[n] = 0;
            f = sema_find_iface(c, iname);
            if (!f) {
                diag_plain(c, "%s %s: no interface '%s' in %s or its imports", opt, name, iname, req->input_name);
                continue;
            }
            if (sep) {
                const method *m;
                const iface *b;
                for (m = f->d->methods; m && strcmp(m->name, sep + 2) != 0; m = m->next)
                    ;
                if (!m) {
                    for (b = f->base; b; b = b->base) {
                        for (m = b->d->methods; m && strcmp(m->name, sep + 2) != 0; m = m->next)
                            ;
                        if (m)
                            break;
                    }
                    if (b)
                        diag_plain(c, "%s %s: '%s' is declared by %s: name it %s::%s", opt, name, sep + 2, b->name,
                                   b->name, sep + 2);
                    else
                        diag_plain(c, "%s %s: %s has no method '%s'", opt, name, iname, sep + 2);
                    continue;
                }
            }
            for (j = 0; l == 1 && j < req->queued.n; j++)
                if (strcmp(req->queued.v[j], name) == 0)
                    diag_plain(c, "%s: given to both --queued and --direct", name);
        }
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
#ifdef _WIN32
    const char *b = strrchr(path, '\\');
    if (b && (!s || b > s))
        s = b;
#endif
    return s ? s + 1 : path;
}

static int same_content(const char *path, const char *text, size_t len)
{
    size_t old_len;
    char *old = read_file(path, &old_len);
    int same = old && old_len == len && memcmp(old, text, len) == 0;
    free(old);
    return same;
}

static int make_dirs(const char *dir)
{
    char buf[4096];
    size_t i, n = strlen(dir);
    struct stat st;
    if (n == 0 || n >= sizeof buf)
        return n == 0 ? 0 : -1;
    memcpy(buf, dir, n + 1);
    for (i = 1; i <= n; i++) {
        if (buf[i] == '/' || buf[i] == 0) {
            char saved = buf[i];
            buf[i] = 0;
            if (stat(buf, &st) != 0 && make_dir(buf) != 0 && errno != EEXIST)
                return -1;
            buf[i] = saved;
        }
    }
    return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* All outputs go to temporary files first; only when every one was written are they renamed into place. */
static int write_outputs(gen_ctx *c, const char *dir, const char *stem, gen_output *out, int n)
{
    char final[8][4096], temp[8][4096];
    int i, pending[8] = {0}, failed = 0;
    if (make_dirs(dir) != 0) {
        diag_plain(c, "cannot create output directory '%s': %s", dir, strerror(errno));
        return 1;
    }
    for (i = 0; i < n && !failed; i++) {
        FILE *f;
        snprintf(final[i], sizeof final[i], "%s/%s%s", dir, stem, out[i].suffix);
        if (same_content(final[i], out[i].text, out[i].len))
            continue;
        snprintf(temp[i], sizeof temp[i], "%s/.%s%s.%ld.tmp", dir, stem, out[i].suffix, (long)getpid());
        f = fopen(temp[i], "wb");
        if (!f || fwrite(out[i].text, 1, out[i].len, f) != out[i].len || fclose(f) != 0) {
            diag_plain(c, "cannot write '%s': %s", temp[i], strerror(errno));
            if (f)
                remove(temp[i]);
            failed = 1;
            break;
        }
        pending[i] = 1;
    }
    for (i = 0; i < n; i++) {
        if (!pending[i])
            continue;
        if (failed) {
            remove(temp[i]);
            continue;
        }
#ifdef _WIN32
        remove(final[i]);
#endif
        if (rename(temp[i], final[i]) != 0) {
            diag_plain(c, "cannot rename '%s' to '%s': %s", temp[i], final[i], strerror(errno));
            remove(temp[i]);
            failed = 1;
        }
    }
    return failed;
}

/* Whether two input paths have the same file name without .idl: their outputs would be the same files. */
static int same_stem(const char *a, const char *b)
{
    size_t na, nb;
    a = base_name(a);
    b = base_name(b);
    na = strlen(a);
    nb = strlen(b);
    if (na > 4 && strcmp(a + na - 4, ".idl") == 0)
        na -= 4;
    if (nb > 4 && strcmp(b + nb - 4, ".idl") == 0)
        nb -= 4;
    return na == nb && memcmp(a, b, na) == 0;
}

/* Adds s to l unless it is there already. */
static void push_new(strlist *l, const char *s)
{
    int i;
    for (i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return;
    strlist_push(l, s);
}

/* Generates one input file into out_dir: 0 when written (or nothing to write), 1 on errors. Its stem goes to
   stems and the files it read to deps, for the depfile. base: the options; interfaces are the file's own. */
static int generate_one(gen_ctx *c, const gen_request *base, const char *input, const char *out_dir, strlist *stems,
                        strlist *deps)
{
    gen_request req = *base;
    gen_output out[2];
    char stem[1024];
    int i, status = 1, errors = c->errors;
    size_t n;
    const idl_file *f;

    memset(out, 0, sizeof out);
    memset(&req.interfaces, 0, sizeof req.interfaces);
    for (i = 0; i < base->interfaces.n; i++)
        strlist_push(&req.interfaces, base->interfaces.v[i]);
    req.input_name = base_name(input);
    n = strlen(req.input_name);
    if (n > 4 && strcmp(req.input_name + n - 4, ".idl") == 0)
        n -= 4;
    if (n >= sizeof stem)
        n = sizeof stem - 1;
    memcpy(stem, req.input_name, n);
    stem[n] = 0;
    req.stem = stem;

    req.root = sema_load(c, input);
    if (!req.root)
        goto done;
    for (i = 0; i < req.interfaces.n; i++) {
        iface *fi = sema_find_iface(c, req.interfaces.v[i]);
        if (!fi)
            diag_plain(c, "no interface '%s' in %s or its imports", req.interfaces.v[i], req.input_name);
        else
            check_implementable(c, fi);
    }
    if (req.interfaces.n == 0) {
        /* Every object interface of the file; one that cannot be implemented is skipped, and said so. WinRT
           interfaces (in a namespace) are not implemented: their C names and IInspectable are another
           world; one line says how many were left out. */
        const decl *d;
        int winrt = 0;
        for (d = req.root->decls; d; d = d->next) {
            if (d->kind != D_INTERFACE || !d->resolved->is_object || strcmp(d->name, "IUnknown") == 0)
                continue;
            if (d->ns)
                winrt++;
            else if (sema_implementable(d->resolved))
                strlist_push(&req.interfaces, d->name);
            else
                fprintf(stderr, "%s:%d:%d: warning: skipping '%s': it has no uuid or does not derive from IUnknown\n",
                        d->at.file, d->at.line, d->at.col, d->name);
        }
        if (winrt)
            fprintf(stderr, "mfcb-gen: note: %s: %d WinRT interfaces (in namespaces) left out: mfcb-gen implements "
                    "COM interfaces\n", req.input_name, winrt);
    }
    check_objects(c, &req);
    check_marks(c, &req);
    if (c->errors > errors)
        goto done;
    for (f = c->files; f; f = f->next)
        push_new(deps, f->path);
    for (i = 0; i < c->read.n; i++)
        push_new(deps, c->read.v[i]);
    if (req.interfaces.n == 0 && req.nobjects == 0 && !req.template_dir) { /* other templates may list anything */
        /* Nothing to implement: the file's declarations are its SDK header's (or, for idl/wtypes.idl and
           unknwn.idl, mfcb/com.h's), and a header of declarations only is not what mfcb-gen is for. */
        fprintf(stderr, "mfcb-gen: note: %s declares no interface to implement: nothing written\n", req.input_name);
        status = 0;
        goto done;
    }
    if (model_generate(c, &req, out) != 0)
        goto done;
    if (write_outputs(c, out_dir, stem, out, 2) == 0) {
        strlist_push(stems, arena_strdup(c, stem));
        status = 0;
    }
done:
    free(out[0].text);
    free(out[1].text);
    strlist_free(&req.interfaces);
    return status;
}

int main(int argc, char **argv)
{
    gen_ctx c;
    gen_request req;
    strlist inputs, stems, deps;
    const char *out_dir = ".", *depfile = NULL;
    int i, status = 0, preprocess_only = 0;

    ctx_init(&c);
    memset(&req, 0, sizeof req);
    memset(&inputs, 0, sizeof inputs);
    memset(&stems, 0, sizeof stems);
    memset(&deps, 0, sizeof deps);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("mfcb-gen %s\n", MFCB_GEN_VERSION);
            return 0;
        } else if (strncmp(a, "-I", 2) == 0) {
            const char *d = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!d)
                return usage_error("%s needs a directory", "-I");
            strlist_push(&c.include_dirs, d);
        } else if (strncmp(a, "-D", 2) == 0 || strncmp(a, "-U", 2) == 0) {
            const char *m = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            char *op;
            if (!m || !*m || *m == '=')
                return usage_error("%s needs a macro name", a[1] == 'D' ? "-D" : "-U");
            op = arena_alloc(&c, strlen(m) + 2);
            op[0] = a[1];
            strcpy(op + 1, m);
            strlist_push(&c.pp_ops, op);
        } else if (strcmp(a, "-E") == 0) {
            preprocess_only = 1;
        } else if (strncmp(a, "-o", 2) == 0) {
            out_dir = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : NULL);
            if (!out_dir)
                return usage_error("%s needs a directory", "-o");
        } else if (strcmp(a, "--object") == 0) {
            gen_object *grown;
            if (i + 1 >= argc)
                return usage_error("%s needs an argument", a);
            grown = (gen_object *)realloc(req.objects, (size_t)(req.nobjects + 1) * sizeof *grown);
            if (!grown)
                return usage_error("%s", "out of memory");
            req.objects = grown;
            if (!parse_object(&c, argv[++i], &req.objects[req.nobjects])) {
                strlist_free(&req.objects[req.nobjects].ifaces);
                free_objects(&req);
                return usage_error("--object '%s': expected NAME=INTERFACE[,INTERFACE...]", argv[i]);
            }
            req.nobjects++;
        } else if (strcmp(a, "--queued") == 0 || strcmp(a, "--direct") == 0) {
            if (i + 1 >= argc || !*argv[i + 1])
                return usage_error("%s needs an interface or INTERFACE::METHOD", a);
            strlist_push(a[2] == 'q' ? &req.queued : &req.direct, argv[++i]);
        } else if (strcmp(a, "--interface") == 0 || strcmp(a, "--templates") == 0 || strcmp(a, "--depfile") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs an argument", a);
            if (a[2] == 'i')
                strlist_push(&req.interfaces, argv[++i]);
            else if (a[2] == 't')
                req.template_dir = argv[++i];
            else
                depfile = argv[++i];
        } else if (a[0] == '-' && a[1]) {
            return usage_error("unknown option '%s'", a);
        } else
            strlist_push(&inputs, a);
    }
    if (inputs.n == 0)
        return usage_error("%s", "no input file");
    if (inputs.n > 1) {
        const char *one = preprocess_only ? "-E" : req.interfaces.n ? "--interface" : req.nobjects ? "--object" :
                          req.queued.n ? "--queued" : req.direct.n ? "--direct" : NULL;
        if (one)
            return usage_error("%s names what one file holds: give it one input file, not several", one);
        for (i = 1; i < inputs.n; i++) {
            int k;
            for (k = 0; k < i; k++)
                if (same_stem(inputs.v[k], inputs.v[i]))
                    return usage_error("two input files would write the same outputs ('%s')", inputs.v[i]);
        }
    }

    if (preprocess_only) {
        size_t len, plen;
        const char *input = inputs.v[0];
        char *src = read_file(input, &len), *pre;
        if (!src) {
            diag_plain(&c, "cannot read '%s'", input);
            ctx_free(&c);
            return 1;
        }
        pre = pp_run(pp_new(&c), input, src, len, &plen);
        fwrite(pre, 1, plen, stdout);
        free(src);
        free(pre);
        status = c.errors ? 1 : 0;
        ctx_free(&c);
        return status;
    }

    for (i = 0; i < inputs.n; i++)
        status |= generate_one(&c, &req, inputs.v[i], out_dir, &stems, &deps);
    if (status == 0 && depfile && stems.n > 0 && write_depfile(&c, depfile, out_dir, &stems, &deps, req.template_dir) != 0)
        status = 1;
    if (c.errors > 1)
        fprintf(stderr, "mfcb-gen: %d errors\n", c.errors);
    strlist_free(&inputs);
    strlist_free(&stems);
    strlist_free(&deps);
    strlist_free(&req.interfaces);
    strlist_free(&req.queued);
    strlist_free(&req.direct);
    free_objects(&req);
    model_free(&c);
    sema_free(&c);
    ctx_free(&c);
    return status;
}
