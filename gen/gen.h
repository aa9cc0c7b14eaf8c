/* gen.h -- what the stages of mfcb-gen share: the context, diagnostics, the arena, tokens and the AST. */
#ifndef MFCB_GEN_H
#define MFCB_GEN_H

#include <stddef.h>

#define MFCB_GEN_VERSION "0.1.0"

/* ---- context, arena, diagnostics (util.c) ---- */

typedef struct loc {
    const char *file; /* as the user or the import statement spelled it; never made absolute */
    int line, col;
} loc;

typedef struct arena_block arena_block;

typedef struct strlist {
    const char **v;
    int n, cap;
} strlist;

typedef struct idl_file idl_file;

typedef struct pp_state pp_state;

typedef struct gen_ctx {
    arena_block *arena;
    int errors;
    strlist include_dirs;
    strlist read;     /* files read through #include, for the depfile */
    strlist pp_ops;   /* -D NAME[=V] and -U NAME as "DNAME=V" / "UNAME", in command-line order */
    int quiet;        /* count diagnostics without printing them (the fuzz target) */
    int confined;     /* imports and includes only by plain name from include_dirs (the fuzz target) */
    idl_file *files; /* every file the current input reaches, in the order it was first read */
    /* Every file parsed without error in this run, by path: a run over several inputs parses each once (each
       file is preprocessed on its own, with only the command line's macros, so its AST is the same wherever
       it is imported from). */
    struct parsed_file *parsed;
    void *lua; /* the templates' Lua state, kept for the run's other inputs (model.c) */
    struct symtab *syms;
    struct diag_source *src; /* the file a diagnostic last quoted a line of (util.c) */
} gen_ctx;

void ctx_init(gen_ctx *c);
void ctx_free(gen_ctx *c);
void *arena_alloc(gen_ctx *c, size_t n); /* zeroed */
char *arena_strndup(gen_ctx *c, const char *s, size_t n);
char *arena_strdup(gen_ctx *c, const char *s);
void strlist_push(strlist *l, const char *s);
void strlist_free(strlist *l);

/* "file:line:col: error: msg" on stderr, then the source line and a caret under the column, as compilers
   show them, where the file can be read; counts errors. */
void diag_error(gen_ctx *c, loc at, const char *fmt, ...);
/* "file:line:col: warning: msg"; not counted. */
void diag_warning(gen_ctx *c, loc at, const char *fmt, ...);
/* "file:line:col: note: msg" -- a second location for the previous error; not counted. */
void diag_note(gen_ctx *c, loc at, const char *fmt, ...);
/* "mfcb-gen: error: msg" for errors that have no place in a file. */
void diag_plain(gen_ctx *c, const char *fmt, ...);

/* Reads a whole file, NUL-terminated; NULL if it cannot be read. */
char *read_file(const char *path, size_t *len);

/* ---- preprocessor (pp.c) ---- */

/* A preprocessor for one file, as widl runs one per imported file: __WIDL__ and __midl=501 predefined
   (so headers written for widl take their IDL branch), then the command line's -D and -U applied. */
pp_state *pp_new(gen_ctx *c);
void pp_define(pp_state *pp, const char *def); /* "NAME" (value 1) or "NAME=VALUE" */
void pp_undef(pp_state *pp, const char *name);
/* Preprocesses src (len bytes, read from path) into a malloc'd text with '# N "file"' line markers. */
char *pp_run(pp_state *pp, const char *path, const char *src, size_t len, size_t *out_len);

/* ---- tokens (lexer.re -> lexer.c) ---- */

enum {
    TK_EOF = 0,
    /* single-character punctuation is its own character code */
    TK_IDENT = 256,
    TK_NUMBER,
    TK_STRING, /* text keeps its quotes and escapes as written */
    TK_CHAR,
    TK_UUID, /* 8-4-4-4-12 hex digits, only meaningful inside uuid(...) */
    TK_SHL,
    TK_SHR,
    TK_ERROR
};

typedef struct token {
    int kind;
    const char *text; /* points into the source buffer */
    int len;
    loc at;
    const char *doc; /* the text inside the doc comment (slash-star-star) just before this token, or NULL */
    int doc_len;
} token;

typedef struct lexer {
    gen_ctx *ctx;
    const char *file;
    const char *buf, *cur, *lim, *line_start;
    int line;
    const char *doc; /* the last doc comment since the previous token, for the next one */
    int doc_len;
} lexer;

void lexer_init(lexer *lx, gen_ctx *c, const char *file, const char *buf, size_t len);
token lexer_next(lexer *lx);
const char *token_kind_name(int kind);

/* ---- AST (parse.c) ---- */

typedef struct attr {
    const char *name;
    loc at;
    int nargs;
    const char **args; /* each argument's source text, trimmed */
    loc *arg_at;
    struct attr *next;
} attr;

#define TYPE_MAX_PTR 8

typedef struct field field;

typedef struct type {
    const char *name;  /* "unsigned long", "IMFSample", "void", or a struct/enum/union tag */
    int tag;           /* 0, or 's' 'e' 'u' for struct/enum/union name */
    field *sw;         /* encapsulated union: the discriminant of union switch (T name) */
    const char *sw_arm;/* ... and the name of its union member, or NULL */
    int is_const;      /* const on the base type */
    int nptr;          /* levels of '*' */
    unsigned char ptr_const[TYPE_MAX_PTR]; /* const after the i-th '*' */
    field *body;       /* struct or union members, or enum constants, when the body is written here */
    const char *callconv; /* a calling convention written among the words (__stdcall, as widl spells it) */
    int has_body;
    loc at;
} type;

struct field {
    attr *attrs;
    type t;             /* for a function or function pointer: the return type */
    const char *name;   /* NULL for an unnamed parameter or an empty union arm */
    const char *value;  /* enum constant value, or a const's value, as written; or NULL */
    int narray;
    const char **array; /* dimensions as written ("" for []) */
    const char *bits;   /* bitfield width as written, or NULL */
    int is_func;        /* name(params): a function, or with fn_nptr > 0 a function pointer */
    int fn_nptr;        /* '*' inside the parentheses of (*name)(params) */
    const char *fn_callconv; /* (CALLCONV *name)(params): the calling convention, or NULL */
    int varargs;        /* the parameter list ends with ... */
    field *fn_params;
    const char *doc;    /* a parameter's doc comment, as written between its delimiters, or NULL */
    loc at;
    field *next;
};

typedef struct method {
    attr *attrs;
    type ret;
    const char *name;
    field *params;
    int varargs;
    const char *callconv; /* as written (widl's spelling), or NULL: STDMETHODCALLTYPE in an interface */
    const char *doc;      /* its doc comment, as written between its delimiters, or NULL */
    loc at;
    struct method *next;
} method;

typedef enum decl_kind {
    D_IMPORT,
    D_CPP_QUOTE,
    D_INTERFACE,
    D_FORWARD,
    D_TYPEDEF,
    D_TYPE,
    D_CONST,          /* const T NAME = value; names holds the declarator */
    D_DISPINTERFACE,  /* kept as a name that types may use; its members are not modelled */
    D_COCLASS,        /* likewise; also WinRT delegates, runtime classes and generic interfaces */
    D_OTHER           /* library and module markers, importlib, midl_pragma, functions: parsed, not modelled */
} decl_kind;

typedef struct iface iface;

typedef struct decl {
    decl_kind kind;
    loc at;
    attr *attrs;
    idl_file *file;
    const char *name;   /* interface name, or import path (unquoted), or cpp_quote text (unquoted) */
    const char *base;   /* D_INTERFACE: base interface name, or NULL */
    loc base_at;
    method *methods;    /* D_INTERFACE */
    type t;             /* D_TYPEDEF: the type; D_TYPE: a struct/enum/union declared on its own */
    field *names;       /* D_TYPEDEF: declarators */
    iface *resolved;    /* D_INTERFACE, filled by sema */
    const char *ns;     /* WinRT namespace ("Windows.Foundation"), or NULL */
    const char *doc;    /* D_INTERFACE: its doc comment, as written between its delimiters, or NULL */
    struct decl *next;
} decl;

struct idl_file {
    const char *path; /* as found: the import's directory joined with its name, or the command-line path */
    const char *name; /* as written in the import statement or on the command line */
    decl *decls;
    int state; /* 1 while its imports are being read, 2 when done: import cycles are errors */
    idl_file *next;
};

/* Parses buf (NUL-terminated, len bytes) into f->decls. Reports errors through c and recovers at the next
   declaration or method. */
void parse_file(gen_ctx *c, idl_file *f, const char *buf, size_t len);

/* Attribute lookup: NULL if absent. */
const attr *attr_find(const attr *a, const char *name);

/* ---- semantic model (sema.c) ---- */

typedef struct guid {
    unsigned long d1;
    unsigned d2, d3;
    unsigned char d4[8];
} guid;

typedef enum param_class { PC_VALUE, PC_IFACE, PC_OUT, PC_BUFFER, PC_OPAQUE, PC_GUID, PC_COOKIE, PC_STRING, PC_BSTR, PC_STRUCT } param_class;

struct iface {
    decl *d;
    const char *name;
    iface *base;
    int has_uuid;
    guid uuid;
    int is_object, is_local;
    int nmethods_total; /* slots, IUnknown's included */
    int in_model;       /* handed to the templates (model.c) */
};

/* Resolved type: what a name stands for after following typedefs. */
typedef struct resolved_type {
    const char *kind; /* "interface", "builtin", "enum", "struct", "union", "void", "unknown" */
    const char *name; /* the final name after typedefs */
    int nptr;         /* pointers added by the typedef chain plus the type's own */
} resolved_type;

/* Reads file and its imports, checks and resolves them. Returns the root file, or NULL. */
idl_file *sema_load(gen_ctx *c, const char *path);
/* The same for a root file already in memory (text, len bytes, NUL-terminated), named name. */
idl_file *sema_load_text(gen_ctx *c, const char *name, const char *text, size_t len);
iface *sema_find_iface(gen_ctx *c, const char *name);
/* An object interface with a uuid on every level down to IUnknown: one mfcb-gen can implement. */
int sema_implementable(const iface *f);
/* The file declares an interface mfcb-gen implements (not in a WinRT namespace), so mfcb-gen writes its
   <stem>.cb.h when asked to; without one, it writes nothing. */
int sema_writes_header(const idl_file *f);
resolved_type sema_resolve(gen_ctx *c, const type *t);
param_class sema_param_class(gen_ctx *c, const field *p);
/* MIDL's vtable rules: a [call_as] method is the remote form of another and has no slot; [propget],
   [propput] and [propputref] methods are get_X, put_X and putref_X in C. */
int sema_in_vtable(const method *m);
const char *sema_c_name(gen_ctx *c, const method *m);
/* A method returning a struct or union by value: in C it takes a hidden result pointer (MSVC's ABI). */
int sema_aggregate_return(gen_ctx *c, const method *m);
int sema_is_interface_name(gen_ctx *c, const char *name);
void sema_free(gen_ctx *c);

/* ---- model and templates (model.c) ---- */

typedef struct gen_output {
    const char *suffix; /* ".cb.h" */
    char *text;
    size_t len;
} gen_output;

/* One --object: its name and its interfaces, in order. */
typedef struct gen_object {
    const char *name;
    strlist ifaces;
} gen_object;

typedef struct gen_request {
    idl_file *root;
    const char *input_name; /* as shown in the generated "generated from" line: the base name */
    const char *stem;
    strlist interfaces;       /* empty: every object interface defined in root */
    gen_object *objects;      /* --object NAME=I1,I2,..., split and checked */
    int nobjects;
    const char *template_dir; /* NULL: the templates compiled into the binary */
    strlist queued, direct;   /* --queued / --direct: "IFoo" or "IFoo::Method" (its IDL name), checked */
} gen_request;

/* Runs the templates over the model; fills out[0..1] (.cb.h, .cb.c). Returns 0 on success. */
int model_generate(gen_ctx *c, const gen_request *req, gen_output out[2]);
/* Closes what model_generate kept for the run. */
void model_free(gen_ctx *c);

#endif
