#!/bin/bash
# usage: docs/architecture-figures.sh <commit>  — package sizes (lines of .ts/.svelte, tests included / excluded), deep imports, error-translation sites
c=$1
cd "$(git rev-parse --show-toplevel)"
echo "== $c"
for p in core query store indexer api web scripts; do
  files=$(git ls-tree -r --name-only $c -- $p | grep -E '\.(ts|svelte)$' | grep -v -e '/paraglide/' -e '\.d\.ts$')
  all=0; src=0
  for f in $files; do n=$(git show $c:$f | wc -l); all=$((all+n)); case $f in *.test.ts|*/testing/*|*.fixture*|*.bench.ts) ;; *) src=$((src+n));; esac; done
  printf "%-8s lines %6d (without tests/fixtures %6d)\n" $p $all $src
done
# deep imports: import specifiers @skillway/<pkg>/<sub> in files outside <pkg>
for p in core query store indexer api; do
  spec=$(git grep -h -o -E "['\"]@skillway/$p/[^'\"]+['\"]" $c -- ':!'$p ':!package-lock.json' ':!*.json' ':!*.md' | sed "s/^$c://" | tr -d "'\"" | sort)
  printf "%-8s deep import statements from outside: %3d, distinct paths: %2d  %s\n" $p $(echo -n "$spec" | grep -c .) $(echo -n "$spec" | sort -u | grep -c .) "$(echo "$spec" | sort -u | tr '\n' ' ' | cut -c1-200)"
done
echo "reportServiceErrors(fastify) calls: $(git grep -c 'reportServiceErrors(fastify)' $c -- api/src | awk -F: '{s+=$NF} END {print s+0}')"
echo "setErrorHandler calls: $(git grep -c 'setErrorHandler' $c -- api/src ':!*.test.ts' | awk -F: '{s+=$NF} END {print s+0}')"
echo "route-level catch of domain errors (instanceof ServiceError|MatchInputError in routes): $(git grep -E -c 'instanceof (ServiceError|MatchInputError)' $c -- api/src/routes | awk -F: '{s+=$NF} END {print s+0}')"
echo "process.env outside config/test files (non-test .ts): $(git grep -c 'process\.env' $c -- '*.ts' ':!*.test.ts' ':!**/config.ts' ':!**/testing/**' ':!web/e2e/**' | awk -F: '{s+=$NF} END {print s+0}')"
echo "services constructed in api/src/routes (new XService( / createMatcher): $(git grep -E -c 'new [A-Z][A-Za-z]+Service\(|createMatcher\(' $c -- api/src/routes ':!*.test.ts' | awk -F: '{s+=$NF} END {print s+0}')"
