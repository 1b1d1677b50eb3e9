// Marker header: this module exists so SwiftPM asks pkg-config (icu-i18n, which
// requires icu-uc) for ICU's include and link flags. Swift code never imports it.
