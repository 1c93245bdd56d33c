"""DER building blocks shared by the vector generators (generate.py, ddoc_generate.py)."""

def tlv(tag, content):
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        raw = n.to_bytes((n.bit_length() + 7) // 8, 'big')
        length = bytes([0x80 | len(raw)]) + raw
    return bytes([tag]) + length + content

def seq(*items):
    return tlv(0x30, b''.join(items))

def oid(text):
    parts = [int(x) for x in text.split('.')]
    out = bytes([parts[0] * 40 + parts[1]])
    for value in parts[2:]:
        chunk = [value & 0x7F]
        value >>= 7
        while value:
            chunk.insert(0, 0x80 | (value & 0x7F))
            value >>= 7
        out += bytes(chunk)
    return tlv(0x06, out)

def integer(value):
    return tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, 'big'))
