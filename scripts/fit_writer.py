"""A minimal FIT file writer for generated test and sample data (scripts/make-samples.py,
scripts/bench/make-batch.py): little-endian definition and data messages, the 14-byte header
with its CRC, the file CRC ("FIT Protocol", Garmin FIT SDK: header §3.2, messages §4, base types
table 4-6, CRC §3.3.2). Garmin's SDK decodes what it writes without an error.
"""

import struct

FIT_EPOCH_S = 631065600  # 1989-12-31T00:00:00Z in Unix seconds
_FIT_CRC = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
            0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]

# Base types used (FIT profile): enum, uint8, string, uint16, uint32, sint32, uint32z.
ENUM, UINT8, STRING, UINT16, UINT32, SINT32, UINT32Z = 0x00, 0x02, 0x07, 0x84, 0x86, 0x85, 0x8C


def fit_crc(data, crc=0):
    """The FIT protocol's CRC-16 (its nibble-table routine)."""
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            tmp = _FIT_CRC[crc & 0xF]
            crc = ((crc >> 4) & 0x0FFF) ^ tmp ^ _FIT_CRC[nibble]
    return crc


class FitWriter:
    """Little-endian FIT messages: one local type per global message, defined on first use."""
    FORMATS = {ENUM: "B", UINT8: "B", UINT16: "H", UINT32: "I", SINT32: "i", UINT32Z: "I"}

    def __init__(self):
        self.data = bytearray()
        self.local = {}

    @classmethod
    def _format(cls, base, value):
        # A string field holds its UTF-8 bytes and a NUL: its size is fixed by the first message.
        return f"{len(value.encode()) + 1}s" if base == STRING else cls.FORMATS[base]

    def message(self, global_num, fields):
        """fields: [(field number, base type, value)], always the same layout per message."""
        if global_num not in self.local:
            local = self.local[global_num] = len(self.local)
            self.data += struct.pack("<BBBHB", 0x40 | local, 0, 0, global_num, len(fields))
            for num, base, value in fields:
                self.data += struct.pack("<BBB", num, struct.calcsize(self._format(base, value)),
                                         base)
        self.data.append(self.local[global_num])
        for _, base, value in fields:
            packed = value.encode() if base == STRING else value
            self.data += struct.pack("<" + self._format(base, value), packed)

    def bytes(self):
        header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(self.data), b".FIT")
        header += struct.pack("<H", fit_crc(header))
        body = header + self.data
        return bytes(body + struct.pack("<H", fit_crc(body)))
