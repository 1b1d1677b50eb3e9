#!/bin/sh
# Writes docs/vietsearch.1, the manual page, from the program's own argument parser (the
# help of every command), with swift-argument-parser's generate-manual tool. Run it after
# changing an option or a help text, and commit docs/vietsearch.1 with the change.
#
#   scripts/man.sh            # then: man ./docs/vietsearch.1
#
# generate-manual (1.x) drops every non-ASCII character ("Kết luận" would read "Kt lun"),
# so the help it reads (vietsearch --experimental-dump-help) has each one spelled as an
# ASCII placeholder, turned into the roff escape \[uXXXX] afterwards (groff and mandoc
# render it). Needs perl (Debian: perl-base, always installed).
#
# Debug builds: the manual does not depend on the configuration. The date is the one of
# the CLI's last commit, so that an unchanged help gives an unchanged page.
set -eu
cd "$(dirname "$0")/.."
swift build --product vietsearch
swift build --product generate-manual
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The tool generate-manual runs: vietsearch, its output's non-ASCII characters as placeholders.
cat > "$work/vietsearch" <<WRAPPER
#!/bin/sh
"$PWD/.build/debug/vietsearch" "\$@" | perl -CS -pe 's/([^\\x00-\\x7F])/sprintf("QQU%04XQQ", ord(\$1))/ge'
WRAPPER
chmod +x "$work/vietsearch"
date=$(git log -1 --format=%cs -- Sources/vietsearch 2>/dev/null || true)
.build/debug/generate-manual "$work/vietsearch" --output-directory "$work" ${date:+--date "$date"}
mkdir -p docs
# A blank line is not mdoc (groff warns): a paragraph break is .Pp.
perl -pe 's/QQU([0-9A-F]{4,6})QQ/\\[u$1]/g; s/^$/.Pp/' "$work/vietsearch.1" > docs/vietsearch.1
echo "wrote docs/vietsearch.1"
