/* lexer.re -- the IDL lexer, written for re2c: tokens with file:line:col and the doc comment before them,
   comments, # line markers. */
#include <stdlib.h>
#include <string.h>

#include "gen.h"

void lexer_init(lexer *lx, gen_ctx *c, const char *file, const char *buf, size_t len)
{
    lx->ctx = c;
    lx->file = file;
    lx->buf = lx->cur = lx->line_start = buf;
    lx->lim = buf + len;
    lx->line = 1;
    lx->doc = NULL;
    lx->doc_len = 0;
}

const char *token_kind_name(int kind)
{
    switch (kind) {
    case TK_EOF: return "end of file";
    case TK_IDENT: return "identifier";
    case TK_NUMBER: return "number";
    case TK_STRING: return "string";
    case TK_CHAR: return "character constant";
    case TK_UUID: return "uuid";
    case TK_SHL: return "'<<'";
    case TK_SHR: return "'>>'";
    default: return "token";
    }
}

static loc here(const lexer *lx, const char *p)
{
    loc l;
    l.file = lx->file;
    l.line = lx->line;
    l.col = (int)(p - lx->line_start) + 1;
    return l;
}

static void newline(lexer *lx, const char *after)
{
    lx->line++;
    lx->line_start = after;
}

/* '# N "file"' and '#line N "file"' (what preprocessors leave behind) move the location; any other directive
   is reported, since this stage reads preprocessed IDL. The rest of the line is consumed. */
static void directive(lexer *lx, const char *hash)
{
    const char *p = hash + 1, *end;
    long n = -1;
    while (*p == ' ' || *p == '\t')
        p++;
    if (strncmp(p, "line", 4) == 0 && (p[4] == ' ' || p[4] == '\t')) {
        p += 4;
        while (*p == ' ' || *p == '\t')
            p++;
    }
    if (*p >= '0' && *p <= '9')
        n = strtol(p, (char **)&p, 10);
    for (end = p; end < lx->lim && *end != '\n'; end++)
        ;
    if (n < 0) {
        const char *w = hash + 1;
        int wl;
        while (*w == ' ' || *w == '\t')
            w++;
        for (wl = 0; w[wl] >= 'a' && w[wl] <= 'z'; wl++)
            ;
        diag_error(lx->ctx, here(lx, hash), "unsupported preprocessor directive '#%.*s'", wl, w);
    } else {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '"') {
            const char *q = p + 1;
            while (q < end && *q != '"')
                q++;
            lx->file = arena_strndup(lx->ctx, p + 1, (size_t)(q - p - 1));
        }
        lx->line = (int)n - 1; /* the newline after the directive makes it n */
    }
    lx->cur = end;
}

static token make(lexer *lx, int kind, const char *start)
{
    token t;
    t.kind = kind;
    t.text = start;
    t.len = (int)(lx->cur - start);
    t.at = here(lx, start);
    t.doc = lx->doc;
    t.doc_len = lx->doc_len;
    lx->doc = NULL;
    lx->doc_len = 0;
    return t;
}

token lexer_next(lexer *lx)
{
    const char *mar = NULL, *start;
    for (;;) {
        start = lx->cur;
/*!re2c
        re2c:define:YYCTYPE = "unsigned char";
        re2c:define:YYCURSOR = "lx->cur";
        re2c:define:YYMARKER = "mar";
        re2c:yyfill:enable = 0;

        hex = [0-9a-fA-F];
        ident = [A-Za-z_][A-Za-z0-9_]*;
        suffix = [uUlL]*;

        [\x00] {
            if (lx->cur - 1 >= lx->lim) {
                lx->cur = lx->lim;
                return make(lx, TK_EOF, lx->lim);
            }
            diag_error(lx->ctx, here(lx, start), "NUL byte in input");
            continue;
        }
        [ \t\r\f\v]+ { continue; }
        "\n" { newline(lx, lx->cur); continue; }
        "//" [^\n\x00]* { continue; }
        "/*" {
            /* slash-star-star, not a banner of stars nor an empty comment, is a doc comment: the next
               token carries its text */
            int is_doc = lx->cur[0] == '*' && lx->cur[1] != '*' && lx->cur[1] != '/';
            loc opened = here(lx, start);
            for (;;) {
                if (lx->cur >= lx->lim) {
                    diag_error(lx->ctx, opened, "unterminated comment");
                    return make(lx, TK_EOF, lx->lim);
                }
                if (lx->cur[0] == '*' && lx->cur[1] == '/') {
                    lx->cur += 2;
                    break;
                }
                if (*lx->cur++ == '\n')
                    newline(lx, lx->cur);
            }
            if (is_doc) {
                lx->doc = start + 3;
                lx->doc_len = (int)(lx->cur - 2 - lx->doc);
            }
            continue;
        }
        "#" { directive(lx, start); continue; }

        hex{8} "-" hex{4} "-" hex{4} "-" hex{4} "-" hex{12} { return make(lx, TK_UUID, start); }
        "0" [xX] hex+ suffix { return make(lx, TK_NUMBER, start); }
        [0-9]+ ("." [0-9]*)? ([eE] [+-]? [0-9]+)? suffix { return make(lx, TK_NUMBER, start); }
        ident { return make(lx, TK_IDENT, start); }
        ["] ([^"\\\n\x00] | "\\" [^\n\x00])* ["] { return make(lx, TK_STRING, start); }
        ['] ([^'\\\n\x00] | "\\" [^\n\x00])+ ['] { return make(lx, TK_CHAR, start); }
        ["] | ['] {
            diag_error(lx->ctx, here(lx, start), "unterminated %s",
                       *start == '"' ? "string" : "character constant");
            while (lx->cur < lx->lim && *lx->cur != '\n')
                lx->cur++;
            return make(lx, TK_ERROR, start);
        }
        "<<" { return make(lx, TK_SHL, start); }
        ">>" { return make(lx, TK_SHR, start); }
        [-+*/%&|^~!<>=?:;,.(){}[\]] { return make(lx, *start, start); }
        [^] {
            unsigned char ch = (unsigned char)*start;
            if (ch >= 0x20 && ch < 0x7f)
                diag_error(lx->ctx, here(lx, start), "unexpected character '%c'", ch);
            else
                diag_error(lx->ctx, here(lx, start), "unexpected byte 0x%02x", ch);
            continue;
        }
*/
    }
}
