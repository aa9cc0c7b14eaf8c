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
        local depth, i = 1, s + 2
        while i <= #line and depth > 0 do
            local ch = line:sub(i, i)
            if ch == "{" then
                depth = depth + 1
            elseif ch == "}" then
                depth = depth - 1
            end
            i = i + 1
        end
        if depth > 0 then
            error(string.format("%s:%d: unterminated ${ in template text", name, lineno), 0)
        end
        parts[#parts + 1] = string.format("%q", line:sub(pos, s - 1))
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

-- Returns a function(env) that renders the template into a string.
function engine.compile(src, name)
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
    local chunk = table.concat(code, "\n")
    return function(env)
        local buf, n = {}, 0
        env._o = function(s)
            n = n + 1
            buf[n] = s
        end
        env._s = function(v)
            if v == nil then
                error("template expression is nil", 2)
            end
            return tostring(v)
        end
        env.emit = env._o
        local fn, err = load(chunk, chunk_id(name), "t", env)
        if not fn then
            error(err, 0)
        end
        fn()
        return table.concat(buf)
    end
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
    local helpers_fn, err = load(sources[1][1], chunk_id(sources[1][2]), "t", helpers_env)
    if not helpers_fn then
        error(err, 0)
    end
    local helpers = helpers_fn()
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
