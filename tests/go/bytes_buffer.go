package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
)

type record struct {
	name  string
	score int
}

func render(rs []record) []byte {
	var buf bytes.Buffer
	buf.WriteString("name,score\n")
	for _, r := range rs {
		fmt.Fprintf(&buf, "%s,%d\n", r.name, r.score)
	}
	return buf.Bytes()
}

func main() {
	data := render([]record{{"ann", 90}, {"bob", 72}, {"cy", 85}})
	fmt.Print(string(data))
	sc := bufio.NewScanner(bytes.NewReader(data))
	total, lines := 0, 0
	for sc.Scan() {
		lines++
		f := bytes.Split(sc.Bytes(), []byte(","))
		var n int
		fmt.Sscanf(string(f[1]), "%d", &n)
		total += n
	}
	fmt.Println(lines, total)
	r := bytes.NewReader([]byte("héllo"))
	fmt.Printf("%T %d\n", r, r.Len())
	ch, sz, _ := r.ReadRune()
	ch2, sz2, _ := r.ReadRune()
	fmt.Println(string(ch), sz, string(ch2), sz2, r.Len())
	rest, _ := io.ReadAll(r)
	fmt.Println(string(rest))
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	w.WriteString(strings.Repeat("ab", 3))
	fmt.Println(out.Len())
	w.Flush()
	fmt.Println(out.Len(), out.String())
	fmt.Println(bytes.Equal(bytes.ToUpper([]byte("x")), []byte("X")))
}
