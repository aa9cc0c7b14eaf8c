-- vtable_compare.lua -- compares the C vtables in a header widl wrote with mfcb-gen's vtable listing.
-- usage: lua vtable_compare.lua WIDL_HEADER LISTING; prints "equal N" and the names, or the differences.
local widl_path, ours_path = arg[1], arg[2]

local function read(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("a")
    f:close()
    return s
end

local function norm_type(t)
    t = t:gsub("%s*%*%s*", "*"):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
    return t
end

-- "const WCHAR *name" -> "const WCHAR*"; "BYTE data[16]" -> "BYTE[16]"
local function param_type(p)
    p = p:gsub("^%s+", ""):gsub("%s+$", "")
    if p:find("%(") then -- a function pointer: compared whole
        return norm_type(p)
    end
    local arrays = ""
    p = p:gsub("(%b[])", function(a) arrays = arrays .. a:gsub("%s", "") return "" end)
    p = p:gsub("%s*[%a_][%w_]*$", "", 1)
    return norm_type(p) .. arrays
end

local function split_params(s)
    local list, depth, cur = {}, 0, ""
    for ch in s:gmatch(".") do
        if ch == "(" or ch == "[" then depth = depth + 1 elseif ch == ")" or ch == "]" then depth = depth - 1 end
        if ch == "," and depth == 0 then list[#list + 1] = cur cur = "" else cur = cur .. ch end
    end
    if cur:match("%S") then list[#list + 1] = cur end
    return list
end

local widl = {}
local text = read(widl_path):gsub("/%*.-%*/", "")
for name, body in text:gmatch("typedef struct ([%w_]+)Vtbl {(.-)} [%w_]+Vtbl;") do
    local slots = {}
    for ret, cc, method, params in body:gmatch("([^;{}]-)%(([%w_]+) %*([%w_]+)%)%s*(%b())%s*;") do
        ret = ret:gsub("BEGIN_INTERFACE", "")
        local types = {}
        local list = split_params(params:sub(2, -2))
        for k = 2, #list do types[#types + 1] = param_type(list[k]) end
        slots[#slots + 1] = string.format("%s|%s|%s|%s", method, cc, norm_type(ret), table.concat(types, ","))
    end
    widl[name] = widl[name] or slots -- the first: a later one is cpp_quote text (strmif.idl has one)
end

-- IIDs: DEFINE_GUID(IID_Name, 0x..., 0x..., 0x..., 0x..,0x.., 0x..,...) as text
local widl_iid = {}
for name, args in text:gmatch("DEFINE_GUID%(IID_([%w_]+),%s*([^)]*)%)") do
    local v = {}
    for h in args:gmatch("0x(%x+)") do v[#v + 1] = tonumber(h, 16) end
    if #v == 11 then
        widl_iid[name] = string.format("%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", table.unpack(v))
    end
end
local ours, order, our_iid = {}, {}, {}
for line in read(ours_path):gmatch("[^\n]+") do
    local iface, slot, rest = line:match("^([%w_]+)|(%d+)|(.*)$")
    local uuid_of, uuid = line:match("^([%w_]+)|uuid|(.*)$")
    if uuid_of then
        our_iid[uuid_of] = uuid:lower()
    end
    if iface then
        if not ours[iface] then
            ours[iface] = {}
            order[#order + 1] = iface
        end
        ours[iface][tonumber(slot) + 1] = rest
    end
end

local equal, bad = {}, 0
for _, name in ipairs(order) do
    local w, o = widl[name], ours[name]
    if w then
        local same = #w == #o
        for k = 1, math.max(#w, #o) do
            if w[k] ~= o[k] then
                same = false
                print(string.format("differs %s slot %d: widl %s, mfcb-gen %s", name, k - 1, tostring(w[k]), tostring(o[k])))
            end
        end
        if widl_iid[name] and our_iid[name] ~= widl_iid[name] then
            same = false
            print(string.format("differs %s IID: widl %s, mfcb-gen %s", name, widl_iid[name], tostring(our_iid[name])))
        end
        if same then equal[#equal + 1] = name else bad = bad + 1 end
    end
end
print("equal " .. #equal .. " " .. table.concat(equal, " "))
os.exit(bad == 0 and 0 or 1)
