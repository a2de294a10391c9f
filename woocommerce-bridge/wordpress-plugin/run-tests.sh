#!/usr/bin/env bash
# Runs the WordPress plugin's PHP tests (php-cli + phpunit, e.g. Debian's `apt-get install php-cli phpunit`).
# Without them: prints SKIPPED and exits 0, unless CI is set, where a missing toolchain is a failure.
set -euo pipefail

script_dir="${BASH_SOURCE[0]%/*}"
[[ "$script_dir" == "${BASH_SOURCE[0]}" ]] && script_dir=.
cd "$script_dir"

phpunit_bin="${PHPUNIT:-$(command -v phpunit || true)}"
if ! command -v php >/dev/null 2>&1 || [[ -z "$phpunit_bin" ]]; then
	if [[ -n "${CI:-}" ]]; then
		echo "FAILED: php-cli/phpunit not installed (required when CI is set)" >&2
		exit 1
	fi
	echo "SKIPPED: php-cli/phpunit not installed"
	exit 0
fi

if ! php -r 'exit(PHP_VERSION_ID >= 80100 ? 0 : 1);'; then
	echo "FAILED: PHP 8.1 or later is required, found $(php -r 'echo PHP_VERSION;')" >&2
	exit 1
fi

# Every PHP file must parse before anything runs.
while IFS= read -r -d '' file; do
	php -l "$file" >/dev/null || { echo "FAILED: syntax error in $file" >&2; exit 1; }
done < <(find ratebridge-shipping tests -name '*.php' -print0)

exec "$phpunit_bin" --configuration phpunit.xml.dist "$@"
