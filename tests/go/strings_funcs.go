package main

import (
	"fmt"
	"strings"
	"unicode"
)

func main() {
	s := "  The quick brown fox jumps over the lazy dog  "
	t := strings.TrimSpace(s)
	fmt.Printf("%q\n", t)
	fmt.Println(strings.Fields(t), len(strings.Fields(t)))
	fmt.Println(strings.Split("a,b,,c", ","), len(strings.Split("", ",")))
	fmt.Println(strings.SplitN("a:b:c:d", ":", 2), strings.SplitAfter("x.y.z", "."))
	fmt.Println(strings.Join([]string{"x", "y", "z"}, "/"))
	fmt.Println(strings.Contains(t, "fox"), strings.ContainsAny(t, "xyz"), strings.ContainsRune(t, 'Q'))
	fmt.Println(strings.Index(t, "o"), strings.LastIndex(t, "o"), strings.IndexByte(t, 'q'), strings.IndexRune(t, 'z'))
	fmt.Println(strings.HasPrefix(t, "The"), strings.HasSuffix(t, "dog"))
	fmt.Println(strings.Replace(t, "o", "0", 2), strings.ReplaceAll("aaa", "a", "bb"))
	fmt.Println(strings.ToUpper("héllo"), strings.ToLower("WORLD"), strings.Title("go lang"))
	fmt.Println(strings.Repeat("=-", 5), strings.Count("cheese", "e"), strings.Count("five", ""))
	fmt.Println(strings.TrimLeft("xxhixx", "x"), strings.TrimRight("xxhixx", "x"), strings.Trim("--a--", "-"))
	fmt.Println(strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("file.go", ".go"))
	fmt.Println(strings.EqualFold("Go", "GO"), strings.Compare("a", "a"))
	rot := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r + 1
		}
		if r == ' ' {
			return -1
		}
		return r
	}, "abc xyz!")
	fmt.Println(rot)
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;", "&", "&amp;")
	fmt.Println(r.Replace("<a href=\"x&y\">"))
	before, after, found := strings.Cut("key=value=more", "=")
	fmt.Println(before, after, found)
	fmt.Println(strings.FieldsFunc("a1b2c3", unicode.IsDigit))
	fmt.Println(strings.IndexFunc("hello123", unicode.IsDigit), strings.TrimFunc("123abc456", unicode.IsDigit))
	fmt.Println(strings.IndexAny("golang", "ny"), strings.LastIndexAny("golang", "go"))
}
