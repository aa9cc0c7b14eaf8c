/* model.c -- hands the resolved AST to Lua as read-only tables and runs the templates that write the C. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "embedded.h"
#include "gen.h"

static void set_str(lua_State *L, const char *k, const char *v)
{
    if (!v)
        return;
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

static void set_int(lua_State *L, const char *k, lua_Integer v)
{
    lua_pushinteger(L, v);
    lua_setfield(L, -2, k);
}

static void set_bool(lua_State *L, const char *k, int v)
{
    lua_pushboolean(L, v);
    lua_setfield(L, -2, k);
}

/* ---- read-only model ---- */

static int readonly_set(lua_State *L)
{
    return luaL_error(L, "the model is read-only (tried to set '%s')", luaL_tolstring(L, 2, NULL));
}

static int proxy_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
    return 1;
}

static int proxy_pairs(lua_State *L)
{
    lua_getglobal(L, "next");
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushnil(L);
    return 3;
}

/* Replaces the table on top of the stack with an empty proxy that reads through to it and refuses writes,
   after doing the same to every table inside it. memo (an absolute index) maps tables to their proxies, so
   shared tables (an interface and its base) keep one proxy. Reads cost a plain __index lookup. */
static void seal(lua_State *L, int memo)
{
    int data;
    luaL_checkstack(L, 8, "model too deep");
    lua_pushvalue(L, -1);
    lua_rawget(L, memo);
    if (!lua_isnil(L, -1)) {
        lua_remove(L, -2);
        return;
    }
    lua_pop(L, 1);
    data = lua_gettop(L);
    lua_newtable(L);
    lua_createtable(L, 0, 5);
    lua_pushvalue(L, data);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, readonly_set);
    lua_setfield(L, -2, "__newindex");
    lua_pushvalue(L, data);
    lua_pushcclosure(L, proxy_len, 1);
    lua_setfield(L, -2, "__len");
    lua_pushvalue(L, data);
    lua_pushcclosure(L, proxy_pairs, 1);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, data);
    lua_pushvalue(L, -2);
    lua_rawset(L, memo);
    lua_pushnil(L);
    while (lua_next(L, data)) {
        if (lua_istable(L, -1)) {
            seal(L, memo);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, data);
        } else
            lua_pop(L, 1);
    }
    lua_remove(L, data);
}

static void push_loc(lua_State *L, loc at)
{
    lua_createtable(L, 0, 3);
    set_str(L, "file", at.file);
    set_int(L, "line", at.line);
    set_int(L, "col", at.col);
}

static void push_attrs(lua_State *L, const attr *a)
{
    int i = 0, j;
    lua_newtable(L);
    for (; a; a = a->next) {
        lua_createtable(L, 0, 2);
        set_str(L, "name", a->name);
        lua_createtable(L, a->nargs, 0);
        for (j = 0; j < a->nargs; j++) {
            lua_pushstring(L, a->args[j]);
            lua_rawseti(L, -2, j + 1);
        }
        lua_setfield(L, -2, "args");
        lua_rawseti(L, -2, ++i);
    }
}

static void push_fields(gen_ctx *c, lua_State *L, const field *f);

static void push_type(gen_ctx *c, lua_State *L, const type *t)
{
    int i;
    resolved_type r = sema_resolve(c, t);
    lua_createtable(L, 0, 8);
    set_str(L, "name", t->name);
    if (t->tag)
        set_str(L, "tag", t->tag == 's' ? "struct" : t->tag == 'e' ? "enum" : "union");
    set_bool(L, "const", t->is_const);
    lua_createtable(L, t->nptr, 0);
    for (i = 0; i < t->nptr; i++) {
        lua_createtable(L, 0, 1);
        set_bool(L, "const", t->ptr_const[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "ptrs");
    lua_createtable(L, 0, 3);
    set_str(L, "kind", r.kind);
    set_str(L, "name", r.name);
    set_int(L, "nptr", r.nptr);
    lua_setfield(L, -2, "resolved");
    if (t->has_body) {
        push_fields(c, L, t->body);
        lua_setfield(L, -2, "body");
    }
}

static void push_field(gen_ctx *c, lua_State *L, const field *f)
{
    int i;
    lua_createtable(L, 0, 6);
    set_str(L, "name", f->name);
    set_str(L, "value", f->value);
    set_str(L, "doc", f->doc);
    if (f->t.name) { /* enumerators have no type */
        push_type(c, L, &f->t);
        lua_setfield(L, -2, "type");
    }
    push_attrs(L, f->attrs);
    lua_setfield(L, -2, "attrs");
    lua_createtable(L, f->narray, 0);
    for (i = 0; i < f->narray; i++) {
        lua_pushstring(L, f->array[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "array");
    if (f->bits)
        set_str(L, "bits", f->bits);
    if (f->is_func) {
        /* RET (CALLCONV *name)(params): the type is the return type, fn_nptr the pointers to the function */
        set_bool(L, "func", 1);
        set_int(L, "fn_nptr", f->fn_nptr);
        set_str(L, "callconv", f->fn_callconv);
        set_bool(L, "varargs", f->varargs);
        push_fields(c, L, f->fn_params);
        lua_setfield(L, -2, "fn_params");
    }
}

static void push_fields(gen_ctx *c, lua_State *L, const field *f)
{
    int i = 0;
    lua_newtable(L);
    for (; f; f = f->next) {
        push_field(c, L, f);
        lua_rawseti(L, -2, ++i);
    }
}

static const char *class_name(param_class pc)
{
    switch (pc) {
    case PC_IFACE: return "iface";
    case PC_OUT: return "out";
    case PC_BUFFER: return "buffer";
    case PC_OPAQUE: return "opaque";
    case PC_GUID: return "guid";
    case PC_COOKIE: return "cookie";
    case PC_STRING: return "string";
    case PC_BSTR: return "bstr";
    case PC_STRUCT: return "struct";
    default: return "value";
    }
}

/* A C vtable cannot have two members of one name: a method that repeats the name of a base method (a C++
   overload) is <Interface>_<Method> in C, as widl writes it. */
static const char *vtable_name(gen_ctx *c, const iface *owner, const method *m)
{
    const char *name = sema_c_name(c, m);
    const iface *b;
    for (b = owner->base; b; b = b->base) {
        const method *o;
        for (o = b->d->methods; o; o = o->next)
            if (sema_in_vtable(o) && strcmp(sema_c_name(c, o), name) == 0) {
                char *n = (char *)arena_alloc(c, strlen(owner->name) + strlen(name) + 2);
                sprintf(n, "%s_%s", owner->name, name);
                return n;
            }
    }
    return name;
}

static void push_method(gen_ctx *c, lua_State *L, const iface *owner, const method *m, int slot)
{
    const field *p;
    const char *iface_name = owner->name;
    int i = 0;
    lua_createtable(L, 0, 8);
    set_str(L, "name", vtable_name(c, owner, m));
    set_str(L, "cxx_name", sema_c_name(c, m)); /* C++ overloads keep the plain name */
    set_str(L, "idl_name", m->name);
    set_str(L, "iface", iface_name);
    set_str(L, "doc", m->doc);
    set_int(L, "slot", slot);
    set_bool(L, "aggregate_return", sema_aggregate_return(c, m));
    set_str(L, "callconv", m->callconv ? m->callconv : "STDMETHODCALLTYPE"); /* widl's default */
    push_type(c, L, &m->ret);
    lua_setfield(L, -2, "ret");
    push_attrs(L, m->attrs);
    lua_setfield(L, -2, "attrs");
    lua_newtable(L);
    for (p = m->params; p; p = p->next) {
        int in = attr_find(p->attrs, "in") != NULL, out = attr_find(p->attrs, "out") != NULL;
        const attr *sz = attr_find(p->attrs, "size_is");
        char gen_name[16];
        push_field(c, L, p);
        if (p->is_func && !p->fn_callconv) /* a function-pointer parameter: widl's default, as for methods */
            set_str(L, "callconv", "STDMETHODCALLTYPE");
        i++;
        if (!p->name) {
            snprintf(gen_name, sizeof gen_name, "p%d", i);
            set_str(L, "name", gen_name);
        }
        set_str(L, "dir", out ? (in ? "inout" : "out") : "in");
        set_str(L, "class", class_name(sema_param_class(c, p)));
        if (sz && sz->nargs)
            set_str(L, "size_is", sz->args[sz->nargs - 1]);
        lua_rawseti(L, -2, i);
    }
    lua_setfield(L, -2, "params");
}

static void mark_chain(iface *i)
{
    for (; i; i = i->base)
        i->in_model = 1;
}

/* interfaces[name] for the interfaces templates can reach: those of the input file and the selected ones,
   with their bases. The imports hold hundreds more; handing them all over would cost more than the rest
   of a run. Base links are set in a second pass. */
static void push_interfaces(gen_ctx *c, lua_State *L, const gen_request *req)
{
    const idl_file *f, *root = req->root;
    const decl *d;
    int n;
    for (d = root->decls; d; d = d->next)
        if (d->kind == D_INTERFACE)
            mark_chain(d->resolved);
    for (n = 0; n < req->interfaces.n; n++)
        mark_chain(sema_find_iface(c, req->interfaces.v[n]));
    for (n = 0; n < req->nobjects; n++) {
        int k;
        for (k = 0; k < req->objects[n].ifaces.n; k++)
            mark_chain(sema_find_iface(c, req->objects[n].ifaces.v[k]));
    }
    lua_newtable(L);
    for (f = c->files; f; f = f->next) {
        for (d = f->decls; d; d = d->next) {
            const iface *i = d->resolved;
            const method *m;
            int own = 0, k = 0;
            if (d->kind != D_INTERFACE || !i->in_model)
                continue;
            lua_createtable(L, 0, 10);
            set_str(L, "name", d->name);
            set_str(L, "file", f->name);
            set_str(L, "doc", d->doc);
            set_bool(L, "in_root", f == root);
            set_bool(L, "object", i->is_object);
            set_bool(L, "local", i->is_local);
            push_attrs(L, d->attrs);
            lua_setfield(L, -2, "attrs");
            push_loc(L, d->at);
            lua_setfield(L, -2, "at");
            if (i->has_uuid) {
                char text[40];
                lua_createtable(L, 0, 5);
                snprintf(text, sizeof text, "%08lx-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", i->uuid.d1,
                         i->uuid.d2, i->uuid.d3, i->uuid.d4[0], i->uuid.d4[1], i->uuid.d4[2], i->uuid.d4[3],
                         i->uuid.d4[4], i->uuid.d4[5], i->uuid.d4[6], i->uuid.d4[7]);
                set_str(L, "text", text);
                set_int(L, "d1", (lua_Integer)i->uuid.d1);
                set_int(L, "d2", i->uuid.d2);
                set_int(L, "d3", i->uuid.d3);
                lua_createtable(L, 8, 0);
                for (k = 0; k < 8; k++) {
                    lua_pushinteger(L, i->uuid.d4[k]);
                    lua_rawseti(L, -2, k + 1);
                }
                lua_setfield(L, -2, "d4");
                lua_setfield(L, -2, "uuid");
            }
            for (m = d->methods; m; m = m->next)
                own += sema_in_vtable(m);
            lua_newtable(L);
            k = 0;
            for (m = d->methods; m; m = m->next) {
                if (!sema_in_vtable(m))
                    continue; /* the [call_as] remote form of another method: no slot */
                push_method(c, L, i, m, i->nmethods_total - own + k);
                lua_rawseti(L, -2, ++k);
            }
            lua_setfield(L, -2, "methods");
            lua_setfield(L, -2, d->name);
        }
    }
    for (f = c->files; f; f = f->next) {
        for (d = f->decls; d; d = d->next) {
            if (d->kind != D_INTERFACE || !d->resolved->in_model || !d->resolved->base)
                continue;
            lua_getfield(L, -1, d->name);
            lua_getfield(L, -2, d->resolved->base->name);
            lua_setfield(L, -2, "base");
            lua_pop(L, 1);
        }
    }
}

static void push_items(gen_ctx *c, lua_State *L, const idl_file *root)
{
    const decl *d;
    int i = 0;
    lua_newtable(L);
    for (d = root->decls; d; d = d->next) {
        lua_createtable(L, 0, 4);
        switch (d->kind) {
        case D_IMPORT: {
            const idl_file *f;
            set_str(L, "kind", "import");
            set_str(L, "name", d->name);
            for (f = c->files; f && strcmp(f->name, d->name) != 0; f = f->next)
                ;
            lua_pushboolean(L, f && sema_writes_header(f));
            lua_setfield(L, -2, "writes_header");
            break;
        }
        case D_CPP_QUOTE:
            set_str(L, "kind", "cpp_quote");
            set_str(L, "text", d->name);
            break;
        case D_FORWARD:
            set_str(L, "kind", "forward");
            set_str(L, "name", d->name);
            break;
        case D_INTERFACE:
            set_str(L, "kind", "interface");
            set_str(L, "name", d->name);
            break;
        case D_TYPEDEF:
            set_str(L, "kind", "typedef");
            push_type(c, L, &d->t);
            lua_setfield(L, -2, "type");
            push_fields(c, L, d->names);
            lua_setfield(L, -2, "names");
            push_attrs(L, d->attrs);
            lua_setfield(L, -2, "attrs");
            break;
        case D_TYPE:
            set_str(L, "kind", "type");
            push_type(c, L, &d->t);
            lua_setfield(L, -2, "type");
            break;
        case D_CONST: /* const T NAME = value: a #define in C, as widl writes it */
            set_str(L, "kind", "const");
            set_str(L, "name", d->name);
            set_str(L, "value", d->names->value);
            push_type(c, L, &d->t);
            lua_setfield(L, -2, "type");
            break;
        default:
            set_str(L, "kind", "other");
            set_str(L, "name", d->name);
            break;
        }
        lua_rawseti(L, -2, ++i);
    }
}

static int load_source(lua_State *L, const char *dir, const char *name, char **owned)
{
    const embedded_file *e;
    *owned = NULL;
    if (dir) {
        char path[4096];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        *owned = read_file(path, &len);
        if (!*owned) {
            lua_pushfstring(L, "cannot read template '%s'", path);
            return 0;
        }
        lua_pushlstring(L, *owned, len);
        lua_pushfstring(L, "%s", path);
        return 1;
    }
    for (e = embedded_files; e->name; e++) {
        if (strcmp(e->name + strlen("templates/"), name) == 0 && strncmp(e->name, "templates/", 10) == 0) {
            lua_pushlstring(L, (const char *)e->data, e->len);
            lua_pushstring(L, e->name);
            return 1;
        }
    }
    lua_pushfstring(L, "no embedded template '%s'", name);
    return 0;
}

static const char *const template_files[] = {"c.lua", "cb_h.tmpl", "cb_c.tmpl"};

/* The Lua state with the engine loaded, made by the first input of a run and kept for the others: the
   engine keeps each template compiled once per run. */
static lua_State *engine_state(gen_ctx *c)
{
    lua_State *L = (lua_State *)c->lua;
    const embedded_file *e;
    if (L)
        return L;
    L = luaL_newstate();
    if (!L) {
        diag_plain(c, "cannot create a Lua state");
        return NULL;
    }
    luaL_openlibs(L);
    for (e = embedded_files; e->name && strcmp(e->name, "gen/engine.lua") != 0; e++)
        ;
    if (!e->name || luaL_loadbuffer(L, (const char *)e->data, e->len, "@gen/engine.lua") != LUA_OK ||
        lua_pcall(L, 0, 1, 0) != LUA_OK) {
        diag_plain(c, "template engine: %s", e->name ? lua_tostring(L, -1) : "not embedded");
        lua_close(L);
        return NULL;
    }
    lua_setfield(L, LUA_REGISTRYINDEX, "mfcb.engine");
    c->lua = L;
    return L;
}

void model_free(gen_ctx *c)
{
    if (c->lua)
        lua_close((lua_State *)c->lua);
    c->lua = NULL;
}

int model_generate(gen_ctx *c, const gen_request *req, gen_output out[2])
{
    lua_State *L = engine_state(c);
    int i, ok = 0;
    char *owned[3] = {NULL, NULL, NULL};

    if (!L)
        return 1;
    lua_settop(L, 0);
    lua_getfield(L, LUA_REGISTRYINDEX, "mfcb.engine");
    lua_getfield(L, -1, "generate");

    /* generate(model, sources): sources = { {text, chunkname}, ... } in template_files order */
    lua_createtable(L, 0, 7);
    set_str(L, "input", req->input_name);
    set_str(L, "stem", req->stem);
    set_str(L, "version", MFCB_GEN_VERSION);
    push_interfaces(c, L, req);
    lua_setfield(L, -2, "interfaces");
    push_items(c, L, req->root);
    lua_setfield(L, -2, "items");
    /* --queued and --direct: model.marks["IFoo"] or ["IFoo::Method"] = "queued" or "direct" */
    lua_newtable(L);
    for (i = 0; i < req->queued.n; i++) {
        lua_pushstring(L, "queued");
        lua_setfield(L, -2, req->queued.v[i]);
    }
    for (i = 0; i < req->direct.n; i++) {
        lua_pushstring(L, "direct");
        lua_setfield(L, -2, req->direct.v[i]);
    }
    lua_setfield(L, -2, "marks");
    lua_newtable(L);
    for (i = 0; i < req->interfaces.n; i++) {
        lua_pushstring(L, req->interfaces.v[i]);
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "selected");
    /* objects: { {name = NAME, interfaces = {I1, I2, ...}}, ... } from --object NAME=I1,I2,... */
    lua_createtable(L, req->nobjects, 0);
    for (i = 0; i < req->nobjects; i++) {
        const gen_object *o = &req->objects[i];
        int k;
        lua_createtable(L, 0, 2);
        set_str(L, "name", o->name);
        lua_createtable(L, o->ifaces.n, 0);
        for (k = 0; k < o->ifaces.n; k++) {
            lua_pushstring(L, o->ifaces.v[k]);
            lua_rawseti(L, -2, k + 1);
        }
        lua_setfield(L, -2, "interfaces");
        lua_rawseti(L, -2, i + 1);
    }
    lua_setfield(L, -2, "objects");
    {
        int memo;
        lua_newtable(L);
        lua_insert(L, -2);
        memo = lua_gettop(L) - 1;
        seal(L, memo);
        lua_remove(L, memo);
    }

    lua_newtable(L);
    for (i = 0; i < 3; i++) {
        lua_createtable(L, 2, 0);
        if (!load_source(L, req->template_dir, template_files[i], &owned[i])) {
            diag_plain(c, "%s", lua_tostring(L, -1));
            goto done;
        }
        lua_rawseti(L, -3, 2);
        lua_rawseti(L, -2, 1);
        lua_rawseti(L, -2, i + 1);
    }
    if (lua_pcall(L, 2, 2, 0) != LUA_OK) {
        fprintf(stderr, "mfcb-gen: template error: %s\n", lua_tostring(L, -1));
        c->errors++;
        goto done;
    }
    for (i = 0; i < 2; i++) {
        size_t len;
        const char *s = lua_tolstring(L, -2 + i, &len);
        out[i].suffix = i == 0 ? ".cb.h" : ".cb.c";
        out[i].text = (char *)malloc(len + 1);
        if (!out[i].text) {
            diag_plain(c, "out of memory");
            goto done;
        }
        memcpy(out[i].text, s ? s : "", len);
        out[i].text[len] = 0;
        out[i].len = len;
    }
    ok = 1;
done:
    for (i = 0; i < 3; i++)
        free(owned[i]);
    lua_settop(L, 0);
    return ok ? 0 : 1;
}
