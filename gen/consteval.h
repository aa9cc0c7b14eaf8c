/* consteval.h -- IDL's integer constant expressions, evaluated (consteval.c). */
#ifndef MFCB_CONSTEVAL_H
#define MFCB_CONSTEVAL_H
#include <stddef.h>

typedef enum ce_status {
    CE_OK,
    CE_UNEVALUATED, /* not an integer expression mfcb-gen can read (sizeof, a string, a float): no error */
    CE_UNKNOWN,     /* a name that is no IDL constant (C may know it, as a macro) */
    CE_DIV_ZERO,
    CE_OVERFLOW,    /* past 64 bits, or a shift by a negative count or 64 or more */
    CE_SYNTAX
} ce_status;

/* The value of name[0..len): 1 and *value for an IDL constant, 2 for a constant that cannot be
   evaluated, 0 for no constant. value may be NULL (a question only). */
typedef int (*ce_lookup)(void *ud, const char *name, int len, long long *value);

/* Evaluates text; on CE_UNKNOWN, *name and *name_len (if name is not NULL) are the first unknown name. */
ce_status ce_eval(const char *text, ce_lookup lookup, void *ud, long long *value, const char **name, int *name_len);

/* Whether w[0..n) is a word of IDL's base types (unsigned, long, __int64, void, ...): part of a cast. */
int ce_type_word(const char *w, size_t n);

#endif
