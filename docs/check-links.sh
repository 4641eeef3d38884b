#!/usr/bin/env bash
# Checks that the documentation a clone gets is complete:
#  1. no link in README.md or docs/*.md leaves the repository (relative links must resolve to a file
#     inside it; web links only to the local platform), and no text points at ../shared or cites
#     "contract §" (a section a reader of the repository cannot open);
#  2. every "docs/api.md §X" reference in the tracked files — with its ranges ("§5.2–5.5") and items
#     ("§9.2 item 17", "§9.2 items 36–44") — names a heading (and numbered item) of docs/api.md, and
#     so does every bare "§X" inside docs/api.md itself.
# With --bare, also every bare "§X" in Java, SQL and Markdown files (not "design notes §", not
# "RFC … §"), i.e. what a "contract §" → "docs/api.md §" replacement would leave behind.
# Prints one line per problem; exit status 0 when there is none.
set -euo pipefail
cd "$(dirname "$0")/.."

bare=0
[[ "${1:-}" == "--bare" ]] && bare=1

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files --cached --others --exclude-standard -- '*.java' '*.md' '*.sql' '*.yml' '*.sh' 'macula')
else
    files=$(find . -type f \( -name '*.java' -o -name '*.md' -o -name '*.sql' -o -name '*.yml' -o -name '*.sh' \) \
            -not -path '*/target/*' -not -path './.git/*' | sed 's|^\./||')
fi

FILES="$files" BARE=$bare perl -CSD -Mutf8 -e '
use strict; use warnings;
my $root = ".";
my @problems;

# --- the headings and numbered items of docs/api.md
my (%section, %items, $current);
open(my $api, "<", "docs/api.md") or die "docs/api.md missing\n";
my @api_lines = <$api>;
close $api;
for my $line (@api_lines) {
    if ($line =~ /^#{1,6} §(\d+(?:\.\d+)*)(?:\s|$)/) { $current = $1; $section{$1} = 1; next; }
    if ($line =~ /^#{1,6} /) { $current = undef; next; }
    if (defined $current && $line =~ /^\|\s*(\d+)\s*\|/) { $items{$current}{$1} = 1; }
}

sub check_ref {
    my ($where, $ref, $from, $to, $item_from, $item_to) = @_;
    for my $s (grep { defined } ($from, $to)) {
        push @problems, "$where: $ref: no heading §$s in docs/api.md" unless $section{$s};
    }
    if (defined $item_from) {
        my $last = defined $item_to ? $item_to : $item_from;
        for my $n ($item_from .. $last) {
            push @problems, "$where: $ref: no item $n under §$from in docs/api.md" unless $items{$from}{$n};
        }
    }
}

my $REF = qr/§(\d+(?:\.\d+)*)(?:[–-](\d+(?:\.\d+)*))?(?: items? (\d+)(?:[–-](\d+))?)?/;

# --- 1. links in README.md and docs/*.md
my @docs = ("README.md", glob("docs/*.md"));
for my $doc (@docs) {
    open(my $fh, "<", $doc) or next;
    my $n = 0;
    (my $dir = $doc) =~ s{[^/]*$}{};
    while (my $line = <$fh>) {
        $n++;
        my $where = "$doc:$n";
        push @problems, "$where: points outside the repository (../shared)" if $line =~ m{\.\./shared|/work/shared};
        push @problems, "$where: cites \"contract §\"; cite docs/api.md instead" if $line =~ /contract §/;
        while ($line =~ /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\[[^\]]+\]:\s*(\S+)|<(https?:[^>\s]+)>/g) {
            my $target = defined $1 ? $1 : defined $2 ? $2 : $3;
            if ($target =~ m{^(https?):}i) {
                push @problems, "$where: web link leaves the repository: $target"
                    unless $target =~ m{^https?://(127\.0\.0\.1|localhost)([:/]|$)}i;
                next;
            }
            next if $target =~ /^(#|mailto:)/;
            (my $path = $target) =~ s/#.*//;
            my $resolved = $dir . $path;
            1 while $resolved =~ s{(^|/)\./}{$1};
            1 while $resolved =~ s{(^|/)(?!\.\./)[^/]+/\.\./}{$1};
            if ($resolved =~ m{^\.\./} || $resolved =~ m{^/}) {
                push @problems, "$where: link leaves the repository: $target";
            } elsif (!-e $resolved) {
                push @problems, "$where: link to a missing file: $target";
            }
        }
    }
    close $fh;
}

# --- 2. references to docs/api.md sections
my @files = split /\n/, $ENV{FILES};
for my $file (@files) {
    open(my $fh, "<", $file) or next;
    my $n = 0;
    my $is_api = $file eq "docs/api.md";
    while (my $line = <$fh>) {
        $n++;
        my $where = "$file:$n";
        while ($line =~ /docs\/api\.md $REF/g) {
            check_ref($where, $&, $1, $2, $3, $4);
        }
        next unless $is_api || $ENV{BARE};
        next if $is_api && $line =~ /^#{1,6} §/;
        next unless $is_api || $file =~ /\.(java|md|sql)$/;
        while ($line =~ /(design notes |RFC \d+ |docs\/api\.md |contract )?$REF/g) {
            next if defined $1 && $1 ne "contract ";
            check_ref($where, $&, $2, $3, $4, $5);
        }
    }
    close $fh;
}

print "$_\n" for @problems;
exit(@problems ? 1 : 0);
'
