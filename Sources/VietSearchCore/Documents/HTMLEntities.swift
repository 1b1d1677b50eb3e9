/// HTML named character references (WHATWG list) for ASCII punctuation, Latin letters
/// (Latin-1 Supplement, Latin Extended-A and -B: `&agrave;`, `&ecirc;`, `&Dstrok;`,
/// `&abreve;`, `&utilde;` ...), combining accents, Greek letters, general punctuation
/// (`&ndash;`, `&hellip;`, `&rsquo;` ...), currency and a few common symbols.
enum HTMLEntities {
    /// The code point of a named reference (name without `&` and `;`, case-sensitive).
    static func scalar(named name: String) -> Unicode.Scalar? { table[name] }

    /// Names that are also recognized without the closing semicolon.
    static let legacyNames: Set<String> = ["amp", "AMP", "lt", "LT", "gt", "GT", "quot", "QUOT", "nbsp", "copy", "reg"]

    /// Windows-1252 characters for numeric references in 0x80-0x9F (HTML treats `&#150;`
    /// as "–").
    static func windows1252(_ value: UInt32) -> UInt32 {
        guard (0x80...0x9F).contains(value) else { return value }
        let table: [UInt32] = [
            0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161,
            0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
        ]
        return table[Int(value - 0x80)]
    }

    private static let table: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [:]
        for entry in names.split(separator: " ") {
            let parts = entry.split(separator: ":")
            table[String(parts[0])] = Unicode.Scalar(UInt32(parts[1], radix: 16)!)!
        }
        return table
    }()

    /// "name:hex" pairs.
    private static let names = """
        Tab:9 NewLine:A excl:21 QUOT:22 quot:22 num:23 dollar:24 percnt:25 AMP:26 amp:26 apos:27 lpar:28 \
        rpar:29 ast:2A midast:2A plus:2B comma:2C period:2E sol:2F colon:3A semi:3B LT:3C lt:3C \
        equals:3D GT:3E gt:3E quest:3F commat:40 lbrack:5B lsqb:5B bsol:5C rbrack:5D rsqb:5D Hat:5E \
        UnderBar:5F lowbar:5F DiacriticalGrave:60 grave:60 lbrace:7B lcub:7B VerticalLine:7C verbar:7C \
        vert:7C rbrace:7D rcub:7D NonBreakingSpace:A0 nbsp:A0 iexcl:A1 cent:A2 pound:A3 curren:A4 yen:A5 \
        brvbar:A6 sect:A7 Dot:A8 DoubleDot:A8 die:A8 uml:A8 COPY:A9 copy:A9 ordf:AA laquo:AB not:AC \
        shy:AD REG:AE circledR:AE reg:AE macr:AF strns:AF deg:B0 PlusMinus:B1 plusmn:B1 pm:B1 sup2:B2 \
        sup3:B3 DiacriticalAcute:B4 acute:B4 micro:B5 para:B6 CenterDot:B7 centerdot:B7 middot:B7 \
        Cedilla:B8 cedil:B8 sup1:B9 ordm:BA raquo:BB frac14:BC frac12:BD half:BD frac34:BE iquest:BF \
        Agrave:C0 Aacute:C1 Acirc:C2 Atilde:C3 Auml:C4 Aring:C5 angst:C5 AElig:C6 Ccedil:C7 Egrave:C8 \
        Eacute:C9 Ecirc:CA Euml:CB Igrave:CC Iacute:CD Icirc:CE Iuml:CF ETH:D0 Ntilde:D1 Ograve:D2 \
        Oacute:D3 Ocirc:D4 Otilde:D5 Ouml:D6 times:D7 Oslash:D8 Ugrave:D9 Uacute:DA Ucirc:DB Uuml:DC \
        Yacute:DD THORN:DE szlig:DF agrave:E0 aacute:E1 acirc:E2 atilde:E3 auml:E4 aring:E5 aelig:E6 \
        ccedil:E7 egrave:E8 eacute:E9 ecirc:EA euml:EB igrave:EC iacute:ED icirc:EE iuml:EF eth:F0 \
        ntilde:F1 ograve:F2 oacute:F3 ocirc:F4 otilde:F5 ouml:F6 div:F7 divide:F7 oslash:F8 ugrave:F9 \
        uacute:FA ucirc:FB uuml:FC yacute:FD thorn:FE yuml:FF Amacr:100 amacr:101 Abreve:102 abreve:103 \
        Aogon:104 aogon:105 Cacute:106 cacute:107 Ccirc:108 ccirc:109 Cdot:10A cdot:10B Ccaron:10C \
        ccaron:10D Dcaron:10E dcaron:10F Dstrok:110 dstrok:111 Emacr:112 emacr:113 Edot:116 edot:117 \
        Eogon:118 eogon:119 Ecaron:11A ecaron:11B Gcirc:11C gcirc:11D Gbreve:11E gbreve:11F Gdot:120 \
        gdot:121 Gcedil:122 Hcirc:124 hcirc:125 Hstrok:126 hstrok:127 Itilde:128 itilde:129 Imacr:12A \
        imacr:12B Iogon:12E iogon:12F Idot:130 imath:131 inodot:131 IJlig:132 ijlig:133 Jcirc:134 \
        jcirc:135 Kcedil:136 kcedil:137 kgreen:138 Lacute:139 lacute:13A Lcedil:13B lcedil:13C \
        Lcaron:13D lcaron:13E Lmidot:13F lmidot:140 Lstrok:141 lstrok:142 Nacute:143 nacute:144 \
        Ncedil:145 ncedil:146 Ncaron:147 ncaron:148 napos:149 ENG:14A eng:14B Omacr:14C omacr:14D \
        Odblac:150 odblac:151 OElig:152 oelig:153 Racute:154 racute:155 Rcedil:156 rcedil:157 Rcaron:158 \
        rcaron:159 Sacute:15A sacute:15B Scirc:15C scirc:15D Scedil:15E scedil:15F Scaron:160 scaron:161 \
        Tcedil:162 tcedil:163 Tcaron:164 tcaron:165 Tstrok:166 tstrok:167 Utilde:168 utilde:169 \
        Umacr:16A umacr:16B Ubreve:16C ubreve:16D Uring:16E uring:16F Udblac:170 udblac:171 Uogon:172 \
        uogon:173 Wcirc:174 wcirc:175 Ycirc:176 ycirc:177 Yuml:178 Zacute:179 zacute:17A Zdot:17B \
        zdot:17C Zcaron:17D zcaron:17E fnof:192 imped:1B5 gacute:1F5 jmath:237 DownBreve:311 Alpha:391 \
        Beta:392 Gamma:393 Delta:394 Epsilon:395 Zeta:396 Eta:397 Theta:398 Iota:399 Kappa:39A \
        Lambda:39B Mu:39C Nu:39D Xi:39E Omicron:39F Pi:3A0 Rho:3A1 Sigma:3A3 Tau:3A4 Upsilon:3A5 Phi:3A6 \
        Chi:3A7 Psi:3A8 Omega:3A9 ohm:3A9 alpha:3B1 beta:3B2 gamma:3B3 delta:3B4 epsi:3B5 epsilon:3B5 \
        zeta:3B6 eta:3B7 theta:3B8 iota:3B9 kappa:3BA lambda:3BB mu:3BC nu:3BD xi:3BE omicron:3BF pi:3C0 \
        rho:3C1 sigmaf:3C2 sigmav:3C2 varsigma:3C2 sigma:3C3 tau:3C4 upsi:3C5 upsilon:3C5 phi:3C6 \
        chi:3C7 psi:3C8 omega:3C9 thetasym:3D1 thetav:3D1 vartheta:3D1 Upsi:3D2 upsih:3D2 phiv:3D5 \
        straightphi:3D5 varphi:3D5 piv:3D6 varpi:3D6 ensp:2002 emsp:2003 emsp13:2004 emsp14:2005 \
        numsp:2007 puncsp:2008 ThinSpace:2009 thinsp:2009 VeryThinSpace:200A hairsp:200A \
        NegativeMediumSpace:200B NegativeThickSpace:200B NegativeThinSpace:200B \
        NegativeVeryThinSpace:200B ZeroWidthSpace:200B zwnj:200C zwj:200D lrm:200E rlm:200F dash:2010 \
        hyphen:2010 ndash:2013 mdash:2014 horbar:2015 Verbar:2016 Vert:2016 OpenCurlyQuote:2018 \
        lsquo:2018 CloseCurlyQuote:2019 rsquo:2019 rsquor:2019 lsquor:201A sbquo:201A \
        OpenCurlyDoubleQuote:201C ldquo:201C CloseCurlyDoubleQuote:201D rdquo:201D rdquor:201D \
        bdquo:201E ldquor:201E dagger:2020 Dagger:2021 ddagger:2021 bull:2022 bullet:2022 nldr:2025 \
        hellip:2026 mldr:2026 permil:2030 pertenk:2031 prime:2032 Prime:2033 tprime:2034 backprime:2035 \
        bprime:2035 lsaquo:2039 rsaquo:203A OverBar:203E oline:203E caret:2041 hybull:2043 frasl:2044 \
        bsemi:204F qprime:2057 MediumSpace:205F NoBreak:2060 ApplyFunction:2061 af:2061 \
        InvisibleTimes:2062 it:2062 InvisibleComma:2063 ic:2063 euro:20AC TRADE:2122 trade:2122 \
        LeftArrow:2190 ShortLeftArrow:2190 larr:2190 leftarrow:2190 slarr:2190 ShortUpArrow:2191 \
        UpArrow:2191 uarr:2191 uparrow:2191 RightArrow:2192 ShortRightArrow:2192 rarr:2192 \
        rightarrow:2192 srarr:2192 DownArrow:2193 ShortDownArrow:2193 darr:2193 downarrow:2193 \
        LeftRightArrow:2194 harr:2194 leftrightarrow:2194 minus:2212 infin:221E TildeTilde:2248 ap:2248 \
        approx:2248 asymp:2248 thickapprox:2248 thkap:2248 NotEqual:2260 ne:2260 le:2264 leq:2264 \
        GreaterEqual:2265 ge:2265 geq:2265
        """
}
