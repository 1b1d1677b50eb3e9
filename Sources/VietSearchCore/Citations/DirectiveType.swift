/// The kind of a Party or State document ("văn bản"), as named in a citation.
///
/// The raw value is a stable ASCII identifier (the folded Vietnamese name with hyphens),
/// fit for storing in an index.
///
/// `QĐ` abbreviates both `Quyết định` (decision) and `Quy định` (regulation). When the text
/// names the type (`Quy định 1193-QĐ/TU`) the key keeps it; when only the code is known
/// (`707-QĐ/TU`) the type is ``qd``, which ``matches(_:)`` both.
public enum DirectiveType: String, CaseIterable, Sendable {
    /// Kết luận (KL).
    case ketLuan = "ket-luan"
    /// Chỉ thị (CT).
    case chiThi = "chi-thi"
    /// Nghị quyết (NQ).
    case nghiQuyet = "nghi-quyet"
    /// Nghị quyết liên tịch (NQLT).
    case nghiQuyetLienTich = "nghi-quyet-lien-tich"
    /// Nghị định (NĐ).
    case nghiDinh = "nghi-dinh"
    /// Quyết định (QĐ).
    case quyetDinh = "quyet-dinh"
    /// Quy định (QĐ).
    case quyDinh = "quy-dinh"
    /// `QĐ` from a code alone: a Quyết định or a Quy định.
    case qd = "qd"
    /// Thông tư (TT): State style, `15/2017/TT-BTC`.
    case thongTu = "thong-tu"
    /// Thông tư liên tịch (TTLT).
    case thongTuLienTich = "thong-tu-lien-tich"
    /// Thông tri (TT): Party style, `17-TT/TW`.
    case thongTri = "thong-tri"
    /// Hướng dẫn (HD).
    case huongDan = "huong-dan"
    /// Đề án (ĐA).
    case deAn = "de-an"
    /// Kế hoạch (KH).
    case keHoach = "ke-hoach"
    /// Thông báo (TB).
    case thongBao = "thong-bao"
    /// Công văn (CV); also cited as "văn bản số 571/VPCP-KTTH".
    case congVan = "cong-van"
    /// Công điện (CĐ).
    case congDien = "cong-dien"
    /// Chương trình (CTr).
    case chuongTrinh = "chuong-trinh"
    /// Quy chế (QC).
    case quyChe = "quy-che"
    /// Báo cáo (BC).
    case baoCao = "bao-cao"
    /// Tờ trình (TTr).
    case toTrinh = "to-trinh"
    /// Pháp lệnh (PL).
    case phapLenh = "phap-lenh"
    /// Phương án (PA).
    case phuongAn = "phuong-an"
    /// Đề cương (ĐC).
    case deCuong = "de-cuong"
    /// Luật, a law, and Bộ luật, a code: numbered `45/2013/QH13`, with no type abbreviation
    /// in the code, or cited by name and year (`Luật Đất đai 2013`, `Bộ luật Hình sự
    /// 2015`). The name, which says which of the two it is, is the key's
    /// (``DirectiveKey/name``).
    case luat = "luat"

    /// The Vietnamese name, e.g. "Kết luận".
    public var displayName: String {
        switch self {
        case .ketLuan: "Kết luận"
        case .chiThi: "Chỉ thị"
        case .nghiQuyet: "Nghị quyết"
        case .nghiQuyetLienTich: "Nghị quyết liên tịch"
        case .nghiDinh: "Nghị định"
        case .quyetDinh: "Quyết định"
        case .quyDinh: "Quy định"
        case .qd: "Quyết định/Quy định"
        case .thongTu: "Thông tư"
        case .thongTuLienTich: "Thông tư liên tịch"
        case .thongTri: "Thông tri"
        case .huongDan: "Hướng dẫn"
        case .deAn: "Đề án"
        case .keHoach: "Kế hoạch"
        case .thongBao: "Thông báo"
        case .congVan: "Công văn"
        case .congDien: "Công điện"
        case .chuongTrinh: "Chương trình"
        case .quyChe: "Quy chế"
        case .baoCao: "Báo cáo"
        case .toTrinh: "Tờ trình"
        case .phapLenh: "Pháp lệnh"
        case .phuongAn: "Phương án"
        case .deCuong: "Đề cương"
        case .luat: "Luật"
        }
    }

    /// The abbreviation written in document codes (`KL` in `21-KL/TW`), or nil for a law or
    /// code, whose code has none.
    public var abbreviation: String? {
        switch self {
        case .ketLuan: "KL"
        case .chiThi: "CT"
        case .nghiQuyet: "NQ"
        case .nghiQuyetLienTich: "NQLT"
        case .nghiDinh: "NĐ"
        case .quyetDinh, .quyDinh, .qd: "QĐ"
        case .thongTu, .thongTri: "TT"
        case .thongTuLienTich: "TTLT"
        case .huongDan: "HD"
        case .deAn: "ĐA"
        case .keHoach: "KH"
        case .thongBao: "TB"
        case .congVan: "CV"
        case .congDien: "CĐ"
        case .chuongTrinh: "CTr"
        case .quyChe: "QC"
        case .baoCao: "BC"
        case .toTrinh: "TTr"
        case .phapLenh: "PL"
        case .phuongAn: "PA"
        case .deCuong: "ĐC"
        case .luat: nil
        }
    }

    /// The types the Party's documents are issued as, each coded `NUMBER-ABBR/ISSUER`
    /// (`12-HD/BTCTW`, `08-QĐi/TW`; ``CitationLexicon/abbreviations``): the one table of
    /// them. Source: Hướng dẫn 36-HD/VPTW (2018) of the Central Office on the Party's
    /// documents, Phụ lục 1 (the Party's document kinds and their abbreviations), for the
    /// kinds that are cited as directives; not its letters and forms (Giấy mời GM, Biên bản
    /// BB, Phiếu gửi PG …). Its Quy định is `QĐi`, its Quyết định `QĐ`.
    public static let party: [DirectiveType] = [
        .nghiQuyet, .quyetDinh, .chiThi, .ketLuan, .quyChe, .quyDinh, .thongTri, .huongDan, .baoCao, .keHoach,
        .chuongTrinh, .thongBao, .toTrinh, .deAn, .phuongAn, .deCuong, .congVan,
    ]

    /// Whether a query for `self` finds a citation of type `other`: the same type, or ``qd``
    /// against a Quyết định or a Quy định (either way round).
    public func matches(_ other: DirectiveType) -> Bool {
        if self == other { return true }
        return (self == .qd && other.isQD) || (other == .qd && isQD)
    }

    private var isQD: Bool { self == .quyetDinh || self == .quyDinh }
}
