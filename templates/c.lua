-- c.lua -- helpers the templates share: which interfaces to emit, C spelling of types, GUIDs, defaults.
local H = {}

-- The model is read-only, so what is derived from it can be kept: each helper below computes once.
local function memo(fn)
    local cache = {}
    return function(x)
        local key = x == nil and cache or x
        local v = cache[key]
        if v == nil then
            v = fn(x)
            cache[key] = v
        end
        return v
    end
end

-- The interfaces to implement, as mfcb-gen chose them: --interface names, or every object interface of
-- the input file that has a uuid.
function H.selected()
    local list = {}
    for _, name in ipairs(model.selected) do
        list[#list + 1] = model.interfaces[name]
    end
    return list
end

-- i, its base, ..., IUnknown.
function H.chain(i)
    local list = {}
    while i do
        list[#list + 1] = i
        i = i.base
    end
    return list
end

-- Every method in vtable order, IUnknown's first.
function H.all_methods(i)
    local chain, list = H.chain(i), {}
    for k = #chain, 1, -1 do
        for _, m in ipairs(chain[k].methods) do
            list[#list + 1] = m
        end
    end
    return list
end

-- The methods a user handles: all but IUnknown's.
function H.user_methods(i)
    local list = {}
    for _, m in ipairs(H.all_methods(i)) do
        if m.iface ~= "IUnknown" then
            list[#list + 1] = m
        end
    end
    return list
end

-- Interfaces the header declares in full: the chains of the implemented ones (selected, and in objects),
-- bases first, IUnknown left out (mfcb/com.h declares it).
function H.declared()
    local list, seen, roots = {}, {}, {}
    for _, c in ipairs(H.classes()) do
        for _, i in ipairs(c.ifaces) do
            roots[#roots + 1] = i
        end
    end
    for _, i in ipairs(roots) do
        local chain = H.chain(i)
        for k = #chain, 1, -1 do
            local c = chain[k]
            if not seen[c.name] and c.name ~= "IUnknown" then
                seen[c.name] = true
                list[#list + 1] = c
            end
        end
    end
    return list
end

-- Interface names that need a forward declaration: every declared interface and every interface a
-- declared method takes, in first-use order.
function H.forwards()
    local list, seen = {}, { IUnknown = true }
    local function add(name)
        if not seen[name] then
            seen[name] = true
            list[#list + 1] = name
        end
    end
    for _, item in ipairs(model.items) do
        if item.kind == "forward" or item.kind == "interface" then
            local i = model.interfaces[item.name]
            if item.kind == "forward" or (i and i.object) then
                add(item.name)
            end
        end
    end
    for _, i in ipairs(H.declared()) do
        add(i.name)
        for _, m in ipairs(i.methods) do
            for _, p in ipairs(m.params) do
                if p.type.resolved.kind == "interface" then
                    add(p.type.resolved.name)
                end
            end
        end
    end
    return list
end

function H.is_declared(i)
    return H.declared_set()[i] == true
end

function H.declared_set()
    local set = {}
    for _, d in ipairs(H.declared()) do
        set[d] = true
    end
    return set
end

-- IDL base types as widl and the SDK headers spell them in C: IDL's long is 32 bits everywhere.
local c_names = {
    ["long"] = "LONG", ["signed long"] = "LONG", ["long int"] = "LONG", ["unsigned long"] = "ULONG",
    ["unsigned long int"] = "ULONG", ["__int32"] = "INT32", ["signed __int32"] = "INT32",
    ["unsigned __int32"] = "UINT32", ["__int64"] = "INT64", ["signed __int64"] = "INT64",
    ["unsigned __int64"] = "UINT64", ["unsigned hyper"] = "MIDL_uhyper", ["__int3264"] = "INT_PTR",
    ["unsigned __int3264"] = "UINT_PTR", ["unsigned"] = "unsigned int", ["signed"] = "int",
}

-- C declaration of a parameter or member: its type, name and array suffixes, or for a function pointer
-- RET (CALLCONV *name)(params), with the calling convention the IDL wrote (none: the C default, as widl).
function H.cdecl(f, name)
    name = name or f.name
    if f.func then
        local stars = string.rep("*", f.fn_nptr)
        local params = {}
        for _, p in ipairs(f.fn_params) do
            params[#params + 1] = H.cdecl(p)
        end
        if f.varargs then
            params[#params + 1] = "..."
        end
        return string.format("%s (%s%s%s)(%s)", H.ctype(f.type), f.callconv and (f.callconv .. " ") or "",
                             stars, name or "",
                             #params > 0 and table.concat(params, ", ") or "void")
    end
    return H.ctype(f.type, name or "", f.array)
end

-- The '*'s of pointer levels from..#ptrs, each with its const.
local function stars_of(ptrs, from)
    local s = ""
    for k = from or 1, #ptrs do
        s = s .. "*" .. (ptrs[k].const and "const " or "")
    end
    return s
end

-- C spelling of a type, with an optional declarator name and array suffixes.
function H.ctype(t, name, array)
    local s = (t.const and "const " or "") .. (t.tag and (t.tag .. " ") or "") .. (c_names[t.name] or t.name)
    if #t.ptrs > 0 then
        s = s .. " " .. stars_of(t.ptrs)
    end
    if name then
        if s:sub(-1) ~= "*" and s:sub(-1) ~= " " then
            s = s .. " "
        end
        s = s .. name
        for _, d in ipairs(array or {}) do
            s = s .. "[" .. d .. "]"
        end
    end
    return s
end

-- The preprocessor directives of a cpp_quote text, in order: each line's word (if, ifdef, elif, endif, ...)
-- and the line.
local function directives(text)
    local list = {}
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do
        local word = line:match("^%s*#%s*(%a+)")
        if word then
            list[#list + 1] = { word = word, line = line }
        end
    end
    return list
end

local opens = { ["if"] = true, ifdef = true, ifndef = true }

-- Calls fn(item, stack) for every item of the file, stack holding, per cpp_quote #if open around it, the
-- directive lines that select its branch (#if A, then #elif B or #else as seen).
local function walk_conditions(fn)
    local stack = {}
    for _, item in ipairs(model.items) do
        if item.kind == "cpp_quote" then
            for _, d in ipairs(directives(item.text)) do
                if opens[d.word] then
                    stack[#stack + 1] = { d.line }
                elseif (d.word == "elif" or d.word == "else") and #stack > 0 then
                    table.insert(stack[#stack], d.line)
                elseif d.word == "endif" and #stack > 0 then
                    stack[#stack] = nil
                end
            end
        end
        fn(item, stack)
    end
end

-- The preprocessor conditions cpp_quote text of the input file opens around each of its interfaces:
-- cond[name] is the directive lines that, written again, select the same branches; nil outside any #if.
function H.conditions()
    local cond = {}
    walk_conditions(function(item, stack)
        if item.kind == "interface" and #stack > 0 then
            local lines = {}
            for _, g in ipairs(stack) do
                for _, l in ipairs(g) do lines[#lines + 1] = l end
            end
            cond[item.name] = { text = table.concat(lines, "\n"), depth = #stack }
        end
    end)
    return cond
end

-- The types the file's interfaces need from the file itself, for an SDK header older than the IDL: a type
-- (typedef, enum, struct or union) outside any cpp_quote #if, named by a method of interfaces of the file
-- outside any #if, maps to those interfaces. Where the SDK's header was included and declares none of
-- them, it predates them, and most likely their types too: the header then declares the type with them.
-- (Where it declares one of them, it has the type.) Keyed by the item.
function H.needed_types()
    local cond, at = H.conditions(), {}
    walk_conditions(function(item, stack)
        if (item.kind == "typedef" or item.kind == "type") and #stack == 0 then
            if item.type.name then at[item.type.name] = item end
            for _, f in ipairs(item.names or {}) do at[f.name] = item end
        end
    end)
    local users, seen = {}, {}
    for _, item in ipairs(model.items) do
        local i = item.kind == "interface" and not cond[item.name] and model.interfaces[item.name]
        if i and i.object then
            for _, m in ipairs(i.methods) do
                local types = { m.ret }
                for _, p in ipairs(m.params) do types[#types + 1] = p.type end
                for _, t in ipairs(types) do
                    local owner = t.name and at[t.name]
                    if owner and not seen[owner] then seen[owner] = {} end
                    if owner and not seen[owner][i.name] then
                        seen[owner][i.name] = true
                        users[owner] = users[owner] or {}
                        table.insert(users[owner], i.name)
                    end
                end
            end
        end
    end
    return users
end

-- The conditions around a class's code: those of its interfaces' declarations, each distinct set once.
-- Returns the opening text (or nil) and the matching #endif lines.
function H.class_conditions(c)
    local open, close, seen = {}, {}, {}
    for _, i in ipairs(c.ifaces) do
        local k = H.conditions()[i.name]
        if k and not seen[k.text] then
            seen[k.text] = true
            open[#open + 1] = k.text
            for _ = 1, k.depth do close[#close + 1] = "#endif" end
        end
    end
    if #open == 0 then
        return nil
    end
    return table.concat(open, "\n"), table.concat(close, "\n")
end

-- How many of the input file's first items are its preamble: the leading imports and cpp_quote lines, up to
-- the last point where their #if nesting is back to zero.
function H.preamble()
    local n, depth = 0, 0
    for k, item in ipairs(model.items) do
        if item.kind == "cpp_quote" then
            for _, d in ipairs(directives(item.text)) do
                depth = depth + (opens[d.word] and 1 or d.word == "endif" and -1 or 0)
            end
            if depth == 0 then n = k end
        elseif item.kind ~= "import" then
            break
        end
    end
    return n
end

-- The name of the handler's context argument: ctx, unless the method has a parameter of that name.
function H.ctx_name(m)
    for _, p in ipairs(m.params) do
        if p.name == "ctx" then
            return "mfcb_ctx"
        end
    end
    return "ctx"
end

-- A queue record's member for parameter p: its declaration without a top-level const, since the record is
-- written when the call is kept (a by-value const PROPERTYKEY, a T *const).
function H.record_decl(p)
    local t, f = {}, {}
    for k, v in pairs(p.type) do t[k] = v end
    if #t.ptrs == 0 then
        t.const = false
    else
        local ptrs = {}
        for k, q in ipairs(t.ptrs) do ptrs[k] = q end
        ptrs[#ptrs] = { const = false }
        t.ptrs = ptrs
    end
    for k, v in pairs(p) do f[k] = v end
    f.type = t
    return H.cdecl(f)
end

function H.param_list(m, this)
    local list = {}
    if this then
        list[1] = this
    end
    for _, p in ipairs(m.params) do
        list[#list + 1] = H.cdecl(p)
    end
    if #list == 0 then
        return "void"
    end
    return table.concat(list, ", ")
end

-- The C vtable form of a method: a struct or union result comes back through a hidden pointer after This
-- (MSVC's ABI, which widl and the SDK headers follow), and the method returns that pointer.
function H.vtbl_ret(m)
    return m.aggregate_return and (H.ctype(m.ret) .. " *") or H.ctype(m.ret)
end

function H.vtbl_params(m, this, ret_name)
    local list = {}
    if this then
        list[1] = this
    end
    if m.aggregate_return then
        list[#list + 1] = H.ctype(m.ret, "*" .. (ret_name or "__ret"))
    end
    for _, p in ipairs(m.params) do
        list[#list + 1] = H.cdecl(p)
    end
    return #list > 0 and table.concat(list, ", ") or "void"
end

function H.vtbl_args(m, first)
    local list = { first }
    if m.aggregate_return then
        list[2] = "__ret"
    end
    for _, p in ipairs(m.params) do
        list[#list + 1] = p.name
    end
    return table.concat(list, ", ")
end

function H.arg_list(m, first)
    local list = { first }
    for _, p in ipairs(m.params) do
        list[#list + 1] = p.name
    end
    return table.concat(list, ", ")
end

function H.guid_init(u)
    local b = {}
    for k = 1, 8 do
        b[k] = string.format("0x%02x", u.d4[k])
    end
    return string.format("{0x%08x, 0x%04x, 0x%04x, {%s}}", u.d1, u.d2, u.d3, table.concat(b, ", "))
end

function H.returns_hresult(m)
    return #m.ret.ptrs == 0 and m.ret.name == "HRESULT"
end

function H.returns_void(m)
    return #m.ret.ptrs == 0 and m.ret.name == "void"
end

function H.has_out(m)
    for _, p in ipairs(m.params) do
        if p.class == "out" then
            return true
        end
    end
    return false
end

-- What a method returns when its handler is NULL: notifications succeed, requests for a result fail.
function H.default_result(m)
    if m.aggregate_return then
        return "zeroes"
    elseif H.returns_void(m) then
        return nil
    elseif H.returns_hresult(m) then
        return H.has_out(m) and "E_NOTIMPL" or "S_OK"
    end
    return "0"
end

-- What a method returns once its object is closed.
function H.closed_result(m)
    if m.aggregate_return then
        return "mfcb_ret"
    elseif H.returns_void(m) then
        return nil
    elseif H.returns_hresult(m) then
        return "mfcb_o->closed_hr"
    end
    return "0"
end

-- How the tracer prints a parameter (an MFCB_ARG_* kind), from the parameter's type.
local int_kinds = {
    ["char"] = "I8", ["signed char"] = "I8", ["small"] = "I8", ["unsigned char"] = "U8", ["byte"] = "U8",
    ["unsigned small"] = "U8", ["boolean"] = "U8", ["__int8"] = "I8", ["unsigned __int8"] = "U8",
    ["short"] = "I16", ["signed short"] = "I16", ["unsigned short"] = "U16", ["wchar_t"] = "U16",
    ["__int16"] = "I16", ["unsigned __int16"] = "U16",
    ["int"] = "I32", ["signed int"] = "I32", ["signed"] = "I32", ["unsigned int"] = "U32", ["unsigned"] = "U32",
    ["long"] = "I32", ["signed long"] = "I32", ["unsigned long"] = "U32", ["__int32"] = "I32",
    ["unsigned __int32"] = "U32",
    ["hyper"] = "I64", ["__int64"] = "I64", ["signed __int64"] = "I64", ["unsigned hyper"] = "U64",
    ["unsigned __int64"] = "U64", ["float"] = "F32", ["double"] = "F64",
}

function H.arg_kind(p)
    local r = p.type.resolved
    if p.class == "string" then
        return r.name == "char" and "MFCB_ARG_ASTR" or "MFCB_ARG_WSTR"
    elseif p.class == "bstr" then
        return "MFCB_ARG_WSTR"
    end
    if p.func or #p.array > 0 or r.nptr > 0 then
        return p.class == "guid" and "MFCB_ARG_GUID" or "MFCB_ARG_PTR"
    elseif p.type.name == "HRESULT" then
        return "MFCB_ARG_HRESULT"
    elseif r.kind == "enum" then
        return "MFCB_ARG_I32"
    elseif r.kind == "builtin" and int_kinds[r.name] then
        return "MFCB_ARG_" .. int_kinds[r.name]
    end
    return "MFCB_ARG_OTHER"
end

-- Whether a method can be queued, and how each parameter is kept: nil and the reason when it cannot.
-- value and cookie parameters are copied, interface pointers AddRef'd; GUIDs, strings, BSTRs, [size_is]
-- buffers and structures of values only (no pointer inside) copied; anything else has a lifetime the IDL
-- does not describe, so the method runs direct. What is copied but for GUIDs is the record's variable
-- part, allocated once per call.
local string_elem = { wchar_t = "WCHAR", char = "char" }
local variable_keeps = { buffer = true, string = true, bstr = true, struct = true, byval = true }

-- A structure or union passed by value (PROPERTYKEY, a large struct of values).
function H.by_value_aggregate(p)
    local r = p.type.resolved
    return p.class == "value" and not p.func and r.nptr == 0 and #p.array == 0 and (r.kind == "struct" or r.kind == "union")
end

local function has_attr(attrs, name)
    for _, a in ipairs(attrs or {}) do
        if a.name == name then return a end
    end
end

-- Whether a method is a notification, the only kind queued: a queued call returns before its handler
-- runs, right for "this happened", wrong for a method that changes or reads the object's state (a queued
-- IMFByteStream::SetCurrentPosition would return before the position moved). The command line's
-- --queued/--direct first, then the IDL's [mfcb_queued]; a method's mark before its interface's.
-- Returns the answer and why.
function H.notification(m)
    local key = m.iface .. "::" .. m.idl_name
    local mark = model.marks[key]
    if mark then return mark == "queued", "--" .. mark .. " " .. key end
    if has_attr(m.attrs, "mfcb_queued") then return true, "[mfcb_queued] on " .. m.idl_name end
    mark = model.marks[m.iface]
    if mark then return mark == "queued", "--" .. mark .. " " .. m.iface end
    local i = model.interfaces[m.iface]
    if i and has_attr(i.attrs, "mfcb_queued") then return true, "[mfcb_queued] on " .. m.iface end
    return false, "not marked a notification ([mfcb_queued] in the IDL, or --queued)"
end

-- The plan and why it is queued, or nil and why it runs direct.
function H.queue_plan(m)
    -- [mfcb_direct("why")] on a method: the IDL says the arguments cannot be kept, and why
    local a = has_attr(m.attrs, "mfcb_direct")
    if a then
        return nil, a.args[1] and a.args[1]:gsub('^"(.*)"$', "%1") or "the IDL says so"
    end
    local notification, why = H.notification(m)
    if not notification then
        return nil, why
    end
    if m.aggregate_return then
        return nil, "it returns a structure"
    end
    if not H.returns_hresult(m) and not H.returns_void(m) then
        return nil, "it returns a value the caller needs"
    end
    for _, p in ipairs(m.params) do
        if p.class == "out" then
            return nil, "it has [out] parameters"
        end
    end
    local plan = {}
    for _, p in ipairs(m.params) do
        local keep
        if p.func then
            keep = "value"
        elseif H.by_value_aggregate(p) then
            keep = "byval" -- a structure by value, of any size: in the record's variable part
        elseif p.class == "value" or p.class == "cookie" then
            keep = "value"
        elseif p.class == "iface" then
            keep = "iface"
        elseif p.class == "guid" then
            keep = "guid"
        elseif p.class == "string" or p.class == "bstr" or p.class == "struct" then
            keep = p.class
        elseif p.class == "buffer" and p.size_is and p.size_is ~= "" and not p.size_is:find(",") and
               (#p.type.ptrs == 1 or (#p.type.ptrs == 0 and #p.array == 1)) then
            keep = "buffer"
        elseif #p.array == 0 and p.type.resolved.nptr == 0 then
            return nil, "parameter " .. p.name .. " is a structure holding pointers whose lifetime the IDL does not describe"
        else
            return nil, "parameter " .. p.name .. " is a pointer whose lifetime the IDL does not describe"
        end
        plan[#plan + 1] = { param = p, keep = keep, variable = variable_keeps[keep] == true }
    end
    return plan, why
end

-- The C type of a string parameter's characters.
function H.char_type(p)
    return string_elem[p.type.resolved.name] or "WCHAR"
end

-- The C type of a buffer parameter's elements, without const: the queue writes its copy.
function H.elem_type(p)
    local t = { tag = p.type.tag, name = p.type.name, ptrs = {} }
    if #p.array > 0 then
        for k = 1, #p.type.ptrs do
            t.ptrs[k] = p.type.ptrs[k]
        end
    end
    return H.ctype(t)
end

-- Type items of the input file (typedef, struct, enum) as C declarations. A member whose type has a body
-- (an inline struct or union, named or not) is written with that body, indented one level more.
local body

-- "struct tag {\n members\n}" for a type with a body, at the given indentation of its closing brace.
local function body_text(t, indent)
    local lines = { (t.const and "const " or "") .. t.tag .. (t.name ~= "" and (" " .. t.name) or "") .. " {" }
    for _, l in ipairs(body(t, indent .. "    ")) do
        lines[#lines + 1] = l
    end
    return table.concat(lines, "\n") .. "\n" .. indent .. "}"
end

body = function(t, indent)
    local lines = {}
    if t.tag == "enum" then
        for k, e in ipairs(t.body) do
            lines[#lines + 1] = indent .. e.name .. (e.value and (" = " .. e.value) or "") ..
                                (k < #t.body and "," or "")
        end
    else
        for _, f in ipairs(t.body) do
            local decl
            if f.type.body then
                local d = stars_of(f.type.ptrs) .. (f.name or "")
                for _, a in ipairs(f.array) do
                    d = d .. "[" .. a .. "]"
                end
                decl = body_text(f.type, indent) .. (d ~= "" and (" " .. d) or "")
            else
                decl = H.cdecl(f, f.name or "")
            end
            lines[#lines + 1] = indent .. decl .. (f.bits and (" : " .. f.bits) or "") .. ";"
        end
    end
    return lines
end

function H.type_decl(item)
    local t = item.type
    local text
    if t.body then
        local stars = stars_of(t.ptrs)
        text = body_text(t, "") .. (stars ~= "" and (" " .. stars) or "")
    else
        text = H.ctype(t)
    end
    if item.kind ~= "typedef" then
        return text .. ";"
    end
    local names, funcs = {}, {}
    for _, n in ipairs(item.names) do
        if n.func then -- typedef RET (CALLCONV *NAME)(params): a declaration of its own
            funcs[#funcs + 1] = "\ntypedef " .. H.cdecl(n) .. ";"
            goto continue
        end
        local d = stars_of(n.type.ptrs, #t.ptrs + 1) .. n.name
        for _, a in ipairs(n.array) do
            d = d .. "[" .. a .. "]"
        end
        names[#names + 1] = d
        ::continue::
    end
    local sep = (text:sub(-1) == "*" or text:sub(-1) == " ") and "" or " "
    local out = #names > 0 and ("typedef " .. text .. sep .. table.concat(names, ", ") .. ";") or ""
    return (out .. table.concat(funcs)):gsub("^\n", "")
end

-- What the code implements, one class per mfcb_NAME_new: each selected interface, then each --object.
-- A class has its interfaces (interface pointer k is ifaces[k]), the prefix of each interface's functions
-- in the .c file, and its handler table's fields: one per method of those chains except IUnknown's, a
-- method the chains share through a common base once. Fields are named after their method, or
-- Interface_Method where two interfaces of an object have methods of one name.
local function make_class(name, ifaces, single)
    local c = { name = name, ifaces = ifaces, single = single, handlers = "mfcb_" .. name .. "_handlers",
                prefix = {}, fields = {}, field = {} }
    local count, seen, before = {}, {}, 0 -- before: the delegate slots of the interfaces before i
    for k, i in ipairs(ifaces) do
        c.prefix[k] = single and i.name or (name .. "_" .. i.name)
        for _, m in ipairs(H.user_methods(i)) do
            local key = m.iface .. "." .. m.name
            if not seen[key] then
                seen[key] = true
                count[m.name] = (count[m.name] or 0) + 1
                -- slot: the delegate's interface a forwarder calls, the one declaring the method in the
                -- first chain that has it; the runtime keeps one per interface of each chain, in order
                local level = 0
                for n, b in ipairs(H.chain(i)) do
                    if b.name == m.iface then level = n - 1 end
                end
                c.fields[#c.fields + 1] = { method = m, key = key, slot = before + level }
            end
        end
        before = before + #H.chain(i) - 1 -- IUnknown has no slot
    end
    for _, f in ipairs(c.fields) do
        f.name = count[f.method.name] > 1 and (f.method.iface .. "_" .. f.method.name) or f.method.name
        c.field[f.key] = f.name
    end
    return c
end

function H.classes()
    local list = {}
    for _, i in ipairs(H.selected()) do
        list[#list + 1] = make_class(i.name, { i }, true)
    end
    for _, o in ipairs(model.objects) do
        local ifaces = {}
        for _, n in ipairs(o.interfaces) do
            ifaces[#ifaces + 1] = model.interfaces[n]
        end
        list[#list + 1] = make_class(o.name, ifaces, false)
    end
    return list
end

-- The lines of a doc comment as written between its delimiters: each line without its indentation and
-- a leading "*", blank lines at either end dropped; "/*" inside is broken up so that C sees no comment
-- opener in a comment.
function H.doc_lines(text)
    local lines = {}
    if not text then return lines end
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do
        line = line:gsub("\r$", ""):gsub("^%s*%*? ?", ""):gsub("%s+$", ""):gsub("/%*", "/ *")
        lines[#lines + 1] = line
    end
    while #lines > 0 and lines[1] == "" do table.remove(lines, 1) end
    while #lines > 0 and lines[#lines] == "" do table.remove(lines) end
    return lines
end

-- A doc comment for the generated header, at indent, or nil where there is nothing to say: the item's own
-- text, then a "name: text" paragraph per documented parameter, then tail's lines (what mfcb adds).
function H.doc_comment(indent, text, params, tail)
    local body = H.doc_lines(text)
    local first = true
    for _, p in ipairs(params or {}) do
        local d = H.doc_lines(p.doc)
        if #d > 0 then
            if first and #body > 0 then body[#body + 1] = "" end
            first = false
            body[#body + 1] = p.name .. ": " .. d[1]
            for k = 2, #d do body[#body + 1] = "    " .. d[k] end
        end
    end
    if #body == 0 then return nil end
    if tail then
        body[#body + 1] = ""
        for l in (tail .. "\n"):gmatch("([^\n]*)\n") do body[#body + 1] = (l:gsub("^%s+", "")) end
    end
    local out = { indent .. "/**" }
    for _, l in ipairs(body) do
        out[#out + 1] = l == "" and (indent .. " *") or (indent .. " * " .. l)
    end
    out[#out + 1] = indent .. " */"
    return table.concat(out, "\n")
end

-- The handler field of class c that method m calls.
function H.field(c, m)
    return c.field[m.iface .. "." .. m.name]
end

for _, name in ipairs({ "conditions", "classes", "selected", "chain", "all_methods", "user_methods", "declared", "declared_set", "forwards" }) do
    H[name] = memo(H[name])
end

-- The C spellings, asked for again and again for the same parameters (stub, slow path, defaults,
-- forwarders, the header): kept by their arguments, model tables and strings, up to three.
local none = {}
local function memo3(fn)
    local cache = {}
    return function(a, b, c)
        local ka, kb, kc = a == nil and none or a, b == nil and none or b, c == nil and none or c
        local l1 = cache[ka]
        if not l1 then
            l1 = {}
            cache[ka] = l1
        end
        local l2 = l1[kb]
        if not l2 then
            l2 = {}
            l1[kb] = l2
        end
        local v = l2[kc]
        if v == nil then
            v = fn(a, b, c)
            l2[kc] = v
        end
        return v
    end
end
for _, name in ipairs({ "cdecl", "ctype", "param_list", "vtbl_params", "arg_list", "arg_kind" }) do
    H[name] = memo3(H[name])
end

return H
