/// CRC-32 (IEEE 802.3, the zlib polynomial), slicing-by-8.
enum CRC32 {
    private static let tables: [[UInt32]] = {
        var tables = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            tables[0][i] = c
        }
        for i in 0..<256 {
            for t in 1..<8 { tables[t][i] = (tables[t - 1][i] >> 8) ^ tables[0][Int(tables[t - 1][i] & 0xFF)] }
        }
        return tables
    }()

    static func checksum(_ data: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        var crc = ~seed
        var i = 0
        let n = data.count
        tables.withUnsafeBufferPointer { t in
            let t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3], t4 = t[4], t5 = t[5], t6 = t[6], t7 = t[7]
            t0.withUnsafeBufferPointer { t0 in
                t1.withUnsafeBufferPointer { t1 in
                    t2.withUnsafeBufferPointer { t2 in
                        t3.withUnsafeBufferPointer { t3 in
                            t4.withUnsafeBufferPointer { t4 in
                                t5.withUnsafeBufferPointer { t5 in
                                    t6.withUnsafeBufferPointer { t6 in
                                        t7.withUnsafeBufferPointer { t7 in
                                            while i + 8 <= n {
                                                let lo =
                                                    data.loadUnaligned(fromByteOffset: i, as: UInt32.self).littleEndian
                                                    ^ crc
                                                let hi = data.loadUnaligned(fromByteOffset: i + 4, as: UInt32.self)
                                                    .littleEndian
                                                crc =
                                                    t7[Int(lo & 0xFF)] ^ t6[Int((lo >> 8) & 0xFF)]
                                                    ^ t5[Int((lo >> 16) & 0xFF)] ^ t4[Int(lo >> 24)]
                                                    ^ t3[Int(hi & 0xFF)] ^ t2[Int((hi >> 8) & 0xFF)]
                                                    ^ t1[Int((hi >> 16) & 0xFF)] ^ t0[Int(hi >> 24)]
                                                i += 8
                                            }
                                            while i < n {
                                                crc = t0[Int((crc ^ UInt32(data[i])) & 0xFF)] ^ (crc >> 8)
                                                i += 1
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return ~crc
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
