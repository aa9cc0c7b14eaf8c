-- engine.lua -- mfcb-gen's template engine: compiles templates to Lua and runs them over the model.
--
-- Template syntax: a line whose first non-blank character is '%' is Lua code; every other line is text,
-- in which ${expr} is replaced by the value of expr. Each template line becomes exactly one Lua line, so
-- an error in a template names the template's own file and line.

local engine = {}

local function text_line(line, lineno, name)
    local parts, pos = {}, 1
    while true do
        local s = line:find("${", pos, true)
        if not s then
            break
        end
        -- the matching brace: braces nest inside the expression
        local depth, i = 1, s + 2
        while depth > 0 do
            i = line:find("[{}]", i)
            if not i then
                error(string.format("%s:%d: unterminated ${ in template text", name, lineno), 0)
            end
            depth = depth + (line:byte(i) == 123 and 1 or -1)
            i = i + 1
        end
        if s > pos then
            parts[#parts + 1] = string.format("%q", line:sub(pos, s - 1))
        end
        parts[#parts + 1] = "_s(" .. line:sub(s + 2, i - 2) .. ")"
        pos = i
    end
    parts[#parts + 1] = string.format("%q", line:sub(pos) .. "\n")
    return "_o(" .. table.concat(parts, " .. ") .. ")"
end

-- Lua shortens a chunk name to 60 bytes in its messages ("...k/templates/cb_c.tmpl:3:"), so chunks are
-- loaded under a short id and generate() puts the full file name back into any error it passes on.
local chunk_names = {}

local function chunk_id(name)
    chunk_names[#chunk_names + 1] = name
    return "=\1" .. #chunk_names .. "\2"
end

local function full_names(msg)
    return (tostring(msg):gsub("\1(%d+)\2", function(i)
        return chunk_names[tonumber(i)]
    end))
end

-- What is made from a source once per run, whatever the number of models: cache[name] holds the source
-- it was made from and the result; make(src, name) runs only for a name not seen, or seen with other text.
local function once(cache, name, src, make)
    local hit = cache[name]
    if not hit or hit.src ~= src then
        hit = { src = src, value = make(src, name) }
        cache[name] = hit
    end
    return hit.value
end

-- src (a chunk of Lua) as a function of the environment it runs in. "local _ENV = ..." goes on its first
-- line, so that line numbers stay.
local loaded = {}

local function load_once(src, name)
    return once(loaded, name, src, function()
        local fn, err = load("local _ENV = ...; " .. src, chunk_id(name), "t")
        if not fn then
            error(err, 0)
        end
        return fn
    end)
end

-- A function(env) that renders the template into a string: each text line is one string appended to the
-- output, which is joined once at the end.
local function compile(src, name)
    local code, lineno = {}, 0
    src = src:gsub("\r\n", "\n")
    if src:sub(-1) ~= "\n" then
        src = src .. "\n"
    end
    for line in src:gmatch("([^\n]*)\n") do
        lineno = lineno + 1
        local lua = line:match("^%s*%%(.*)$")
        code[#code + 1] = lua or text_line(line, lineno, name)
    end
    local chunk = load_once(table.concat(code, "\n"), name)
    return function(env)
        local buf, n = {}, 0
        local function out(s)
            n = n + 1
            buf[n] = s
        end
        env._o = out
        env._s = function(v)
            if v == nil then
                error("template expression is nil", 2)
            end
            return tostring(v)
        end
        env.emit = out
        chunk(env)
        return table.concat(buf)
    end
end

local compiled = {}

function engine.compile(src, name)
    return once(compiled, name, src, compile)
end

local function base_env()
    return {
        ipairs = ipairs, pairs = pairs, next = next, select = select, type = type, tostring = tostring,
        tonumber = tonumber, error = error, assert = assert, string = string, table = table, math = math,
        utf8 = utf8, pcall = pcall,
    }
end

-- model: read-only already (mfcb-gen seals it in C). sources: { {text, chunkname} } for c.lua, cb_h.tmpl,
-- cb_c.tmpl. Returns the header and the source text.
local function generate(model, sources)
    local helpers_env = base_env()
    helpers_env.model = model
    local helpers = load_once(sources[1][1], sources[1][2])(helpers_env)
    local results = {}
    for i = 2, 3 do
        local env = base_env()
        for k, v in pairs(helpers) do
            env[k] = v
        end
        env.model = model
        results[#results + 1] = engine.compile(sources[i][1], sources[i][2])(env)
    end
    return results[1], results[2]
end

function engine.generate(model, sources)
    local ok, h, c = pcall(generate, model, sources)
    if not ok then
        error(full_names(h), 0)
    end
    return h, c
end

return engine
