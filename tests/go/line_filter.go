package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

const input = `hello world
  the quick brown fox
# a comment

GO IS FUN
last line without newline`

func main() {
	scanner := bufio.NewScanner(strings.NewReader(input))
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	n := 0
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n++
		fmt.Fprintf(w, "%2d %s\n", n, strings.ToUpper(line))
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "error:", err)
		os.Exit(1)
	}
	fmt.Fprintln(w, "lines:", n)

	stdin := bufio.NewScanner(os.Stdin)
	count := 0
	for stdin.Scan() {
		count++
	}
	fmt.Fprintln(w, "stdin lines:", count, stdin.Err())
}
