package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() {
	a := []byte("Hello, World")
	fmt.Println(bytes.Contains(a, []byte("World")), bytes.Contains(a, []byte("world")))
	fmt.Println(bytes.Equal(a, []byte("Hello, World")), bytes.Equal(nil, []byte{}), bytes.Equal(a, nil))
	fmt.Println(bytes.Compare([]byte("a"), []byte("b")), bytes.Compare(a, a), bytes.Compare([]byte("b"), nil))
	fmt.Println(bytes.Index(a, []byte("o")), bytes.LastIndex(a, []byte("o")), bytes.IndexByte(a, 'W'), bytes.IndexRune(a, 'r'))
	parts := bytes.Split([]byte("a,b,,c"), []byte(","))
	fmt.Println(len(parts), parts)
	fmt.Printf("%q\n", parts)
	fmt.Printf("%s\n", bytes.Join(parts, []byte("-")))
	fmt.Printf("%s %s\n", bytes.ToUpper(a), bytes.ToLower(a))
	fmt.Printf("%q\n", bytes.TrimSpace([]byte("  \t padded \n ")))
	fmt.Println(bytes.HasPrefix(a, []byte("Hell")), bytes.HasSuffix(a, []byte("ld")), bytes.HasPrefix(a, []byte("x")))
	fmt.Printf("%q\n", bytes.Fields([]byte("  one two\tthree\n")))
	fmt.Printf("%s\n", bytes.Repeat([]byte("ab"), 3))
	fmt.Printf("%s\n", bytes.ReplaceAll(a, []byte("l"), []byte("L")))
	fmt.Printf("%s\n", bytes.Title([]byte("go is fun")))
	fmt.Println(bytes.Count([]byte("cheese"), []byte("e")), bytes.EqualFold([]byte("Go"), []byte("GO")))
	fmt.Printf("%s|%s\n", bytes.TrimPrefix(a, []byte("Hello, ")), bytes.Trim([]byte("xxhixx"), "x"))
	fmt.Println(bytes.Runes([]byte("héllo")))
	fmt.Printf("%s\n", bytes.Map(func(r rune) rune { return r + 1 }, []byte("HAL")))

	var buf bytes.Buffer
	buf.WriteString("hello ")
	buf.Write([]byte("world"))
	buf.WriteByte('!')
	buf.WriteRune('é')
	fmt.Fprintf(&buf, " %d+%d", 1, 2)
	fmt.Println(buf.String(), buf.Len())
	fmt.Printf("%q\n", buf.Bytes())
	buf.Reset()
	fmt.Println(buf.Len(), buf.String() == "")
	buf.WriteString("line1\nline2\nrest")
	for {
		line, err := buf.ReadString('\n')
		fmt.Printf("%q %v\n", line, err)
		if err != nil {
			break
		}
	}
	b2 := bytes.NewBufferString("abc")
	c, _ := b2.ReadByte()
	r, size, _ := b2.ReadRune()
	fmt.Println(c, r, size, b2.String(), b2.Len())
	b3 := bytes.NewBuffer([]byte("xyz"))
	fmt.Printf("%T %v\n", b3, b3)
	io.Copy(os.Stdout, b3)
	fmt.Println()
	var b4 bytes.Buffer
	n, err := b4.ReadFrom(strings.NewReader("from reader"))
	fmt.Println(n, err, b4.String())
	p := make([]byte, 4)
	k, err := b4.Read(p)
	fmt.Println(k, err, string(p[:k]), b4.String())
	b4.Truncate(2)
	fmt.Println(b4.String())
	b4.Reset()
	k, err = b4.Read(p)
	fmt.Println(k, err)
	var w io.Writer = &b4
	fmt.Fprint(w, "via writer")
	fmt.Println(b4.String())
	fmt.Println(bytes.Contains(nil, nil), len(bytes.Split(nil, []byte(","))))
}
