package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

type Celsius float64
type ID int8
type Name string
type Flag bool
type Raw []byte
type P struct{ X int }

func main() {
	ints()
	sized()
	prefixes()
	verbs()
	strs()
	bytesTargets()
	bools()
	floats()
	lines()
	formats()
	targets()
	named()
	spaces()
	readers()
}

func ints() {
	var a, b int
	var s string
	fmt.Println(fmt.Sscan("42 -7", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscan("+5", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscan("abc", &a))
	fmt.Println(fmt.Sscan("-", &a))
	fmt.Println(fmt.Sscan("12abc", &a, &s))
	fmt.Println(a, s)
	fmt.Println(fmt.Sscan("9223372036854775807", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscan("9223372036854775808", &a))
	fmt.Println(fmt.Sscan("-9223372036854775809", &a))
	fmt.Println(fmt.Sscan("1.5", &a, &s))
	fmt.Println(a, s)
}

func sized() {
	var i8 int8
	var i16 int16
	var i32 int32
	var i64 int64
	var u uint
	var u8 uint8
	var u16 uint16
	var u32 uint32
	var u64 uint64
	var up uintptr
	fmt.Println(fmt.Sscan("300", &i8))
	fmt.Println(i8)
	fmt.Println(fmt.Sscan("127 -128", &i8, &i8))
	fmt.Println(i8)
	fmt.Println(fmt.Sscan("-129", &i8))
	fmt.Println(fmt.Sscan("40000", &i16))
	fmt.Println(fmt.Sscan("-32768", &i16))
	fmt.Println(i16)
	fmt.Println(fmt.Sscan("3000000000", &i32))
	fmt.Println(fmt.Sscan("-2147483648", &i32))
	fmt.Println(i32)
	fmt.Println(fmt.Sscan("-9223372036854775808", &i64))
	fmt.Println(i64)
	fmt.Println(fmt.Sscan("-5", &u))
	fmt.Println(fmt.Sscan("+5", &u))
	fmt.Println(fmt.Sscan("18446744073709551615", &u))
	fmt.Println(u)
	fmt.Println(fmt.Sscan("18446744073709551616", &u64))
	fmt.Println(fmt.Sscan("256", &u8))
	fmt.Println(u8)
	fmt.Println(fmt.Sscan("255", &u8))
	fmt.Println(u8)
	fmt.Println(fmt.Sscan("70000", &u16))
	fmt.Println(fmt.Sscan("5000000000", &u32))
	fmt.Println(fmt.Sscan("4294967295", &u32))
	fmt.Println(u32)
	fmt.Println(fmt.Sscan("12", &up))
	fmt.Println(up)
	fmt.Println(fmt.Sscanf("ff", "%x", &u8))
	fmt.Println(u8)
	fmt.Println(fmt.Sscanf("1ff", "%x", &u8))
	fmt.Println(fmt.Sscanf("-80", "%x", &i8))
	fmt.Println(i8)
}

func prefixes() {
	var a, b, c int
	fmt.Println(fmt.Sscanf("0x1F 0b11", "%v %v", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscan("0o17 010 0X1f", &a, &b, &c))
	fmt.Println(a, b, c)
	fmt.Println(fmt.Sscan("-0x10 +0b101 1_000", &a, &b, &c))
	fmt.Println(a, b, c)
	fmt.Println(fmt.Sscan("09", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscan("0x", &a))
	fmt.Println(fmt.Sscan("0xg", &a))
	fmt.Println(fmt.Sscan("1__0", &a))
	fmt.Println(fmt.Sscan("0_7", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscan("0", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscanf("010 1_000", "%d %d", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("0x1F", "%d%s", &a, new(string)))
	fmt.Println(a)
	var u uint8
	fmt.Println(fmt.Sscan("0xff", &u))
	fmt.Println(u)
	fmt.Println(fmt.Sscan("0x100", &u))
	var i8 int8
	fmt.Println(fmt.Sscan("-0x80", &i8))
	fmt.Println(i8)
}

func verbs() {
	var a, b int
	var r rune
	var i8 int8
	var by byte
	fmt.Println(fmt.Sscanf("1f FF", "%x %X", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("-ff", "%x", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscanf("0x1f", "%x%v", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("17 101", "%o %b", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("102", "%b", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscanf("8", "%o", &a))
	fmt.Println(fmt.Sscanf("abc", "%c", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscanf("日本", "%c%c", &r, &a))
	fmt.Println(r, a, string(r))
	fmt.Println(fmt.Sscanf("é", "%c", &i8))
	fmt.Println(fmt.Sscanf("z", "%c", &by))
	fmt.Println(by)
	fmt.Println(fmt.Sscanf(" x", "%c", &r))
	fmt.Println(r)
	fmt.Println(fmt.Sscanf("U+1F600", "%U", &r))
	fmt.Println(r)
	fmt.Println(fmt.Sscanf("1F600", "%U", &r))
	fmt.Println(fmt.Sscanf("5", "%q", &a))
	fmt.Println(fmt.Sscanf("5", "%s", &a))
	fmt.Println(fmt.Sscanf("5", "%z", &a))
	fmt.Println(fmt.Sscanf("5", "%f", &a))
	fmt.Println(fmt.Sscanf("", "%c", &a))
}

func strs() {
	var s, t string
	var a int
	fmt.Println(fmt.Sscanf(`"two words" 9`, "%q %d", &s, &a))
	fmt.Printf("%q %d\n", s, a)
	fmt.Println(fmt.Sscanf("`raw \\n str` x", "%q %s", &s, &t))
	fmt.Printf("%q %q\n", s, t)
	fmt.Println(fmt.Sscanf(`"tab\there\u00e9" next`, "%q %s", &s, &t))
	fmt.Printf("%q %q\n", s, t)
	fmt.Println(fmt.Sscanf(`"a\qb"`, "%q", &s))
	fmt.Println(fmt.Sscanf(`"abc`, "%q", &s))
	fmt.Println(fmt.Sscanf("`abc", "%q", &s))
	fmt.Println(fmt.Sscanf(`abc`, "%q", &s))
	fmt.Println(fmt.Sscanf(`"esc\"q" z`, "%q %s", &s, &t))
	fmt.Printf("%q %q\n", s, t)
	fmt.Println(fmt.Sscanf("68656c6c6f 4A4b", "%x %X", &s, &t))
	fmt.Printf("%q %q\n", s, t)
	fmt.Println(fmt.Sscanf("6g", "%x", &s))
	fmt.Println(fmt.Sscanf("zz", "%x", &s))
	fmt.Println(fmt.Sscanf("616", "%x", &s))
	fmt.Println(fmt.Sscanf("abcdefgh", "%5s%s", &s, &t))
	fmt.Printf("%q %q\n", s, t)
	fmt.Println(fmt.Sscanf("héllo wörld", "%2s%s %v", &s, &t, &s))
	fmt.Printf("%q %q\n", s, t)
	fmt.Println(fmt.Sscanf("5", "%d", &s))
	fmt.Println(fmt.Sscan("", &s))
	fmt.Println(fmt.Sscanf(`"a" "b"`, "%q%q", &s, &t))
	fmt.Printf("%q %q\n", s, t)
}

func bytesTargets() {
	var by []byte
	var r Raw
	fmt.Println(fmt.Sscan("bytes", &by))
	fmt.Printf("%q %d\n", by, len(by))
	fmt.Println(fmt.Sscanf("hi there", "%s %s", &by, &r))
	fmt.Printf("%q %q %T\n", by, r, r)
	fmt.Println(fmt.Sscanf(`"q b" 414243`, "%q %x", &by, &r))
	fmt.Printf("%q %q\n", by, r)
	fmt.Println(fmt.Sscanf("x", "%d", &by))
	var ints []int
	fmt.Println(fmt.Sscan("5", &ints))
}

func bools() {
	var b bool
	for _, in := range []string{"true", "false", "T", "F", "1", "0", "TRUE", "False", "t", "f", "tru", "fa", "yes", "2", "trueish", "truex"} {
		b = true
		n, err := fmt.Sscan(in, &b)
		fmt.Println(in, n, err, b)
	}
	fmt.Println(fmt.Sscanf("true", "%t", &b))
	fmt.Println(fmt.Sscanf("true", "%d", &b))
	fmt.Println(fmt.Sscan("", &b))
	var s string
	fmt.Println(fmt.Sscan("trueX", &b, &s))
	fmt.Println(b, s)
}

func floats() {
	var f float64
	var g float32
	for _, in := range []string{"1e3", "1.5E-2", "-.5", "+3.", "0x1p-2", "0X1.8P1", "1p4", "inf", "-Inf", "+INF", "1_000.5", "1e", "1e+", "abc", "1e400", ".e1", "1.2.3", "5", "-0", "1p", "0x1.8"} {
		f = -1
		n, err := fmt.Sscan(in, &f)
		fmt.Println(in, n, err, f)
	}
	n, err := fmt.Sscan("nan NaN", &f, &f)
	fmt.Println(n, err, f != f)
	fmt.Println(fmt.Sscan("1e40", &g))
	fmt.Println(fmt.Sscan("3.4e38 0.1", &g, &f))
	fmt.Println(g, f)
	fmt.Println(fmt.Sscanf("2.5", "%d", &f))
	fmt.Println(fmt.Sscanf("2.5", "%s", &g))
	fmt.Println(fmt.Sscanf("2.5 1e2 3 4 5", "%e %E %f %g %G", &f, &f, &f, &g, &f))
	fmt.Println(f, g)
	fmt.Println(fmt.Sscanf("3.14159", "%4f%d", &f, new(int)))
	fmt.Println(f)
	var s string
	fmt.Println(fmt.Sscan("2.5x", &f, &s))
	fmt.Println(f, s)
}

func lines() {
	var a, b int
	fmt.Println(fmt.Sscanln("1 2", &a))
	fmt.Println(fmt.Sscanln("1\n2", &a, &b))
	fmt.Println(fmt.Sscanln("3 4 \n", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanln("5 6\r\n", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanln("7", &a, &b))
	fmt.Println(fmt.Sscanln("8\n", &a, &b))
	fmt.Println(fmt.Sscanln("\n", &a))
	fmt.Println(fmt.Sscanln("", &a))
	fmt.Println(fmt.Sscanln("9 10 11", &a, &b))
	fmt.Println(fmt.Sscanln("12 x", &a))
	fmt.Println(fmt.Sscanln("13\t\n", &a))
	fmt.Println(fmt.Sscanln("x", &a))
	fmt.Println(fmt.Sscanln("  14  ", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscanln("15\n16", &a))
	fmt.Println(fmt.Sscanln("17\r", &a))
	fmt.Println(fmt.Sscan("1\n\n 2", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscan("3\r\n4", &a, &b))
	fmt.Println(a, b)
	var s string
	fmt.Println(fmt.Sscanln("word\n", &s))
	fmt.Println(fmt.Sscanln("a b", &s))
	fmt.Println(fmt.Sscanln(""))
	fmt.Println(fmt.Sscanln("x"))
	fmt.Println(fmt.Sscan("x"))
}

func formats() {
	var a, b int
	var s string
	fmt.Println(fmt.Sscanf("12 34", "%d%d", &a, &b))
	fmt.Println(fmt.Sscanf("1, 2", "%d,%d", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("1 ,2", "%d,%d", &a, &b))
	fmt.Println(fmt.Sscanf("1\n2", "%d %d", &a, &b))
	fmt.Println(fmt.Sscanf("1\n2", "%d\n%d", &a, &b))
	fmt.Println(fmt.Sscanf("1 2", "%d\n%d", &a, &b))
	fmt.Println(fmt.Sscanf("1 \n 2", "%d \n %d", &a, &b))
	fmt.Println(fmt.Sscanf("12", "%d %d", &a, &b))
	fmt.Println(fmt.Sscanf("5%", "%d%%", &a))
	fmt.Println(fmt.Sscanf("5 %", "%d %%", &a))
	fmt.Println(fmt.Sscanf("5x", "%d%%", &a))
	fmt.Println(fmt.Sscanf("5 x", "%d %s", &a))
	fmt.Println(fmt.Sscanf("5 x", "%d", &a, &s))
	fmt.Println(fmt.Sscanf("5", "%d %", &a))
	fmt.Println(fmt.Sscanf("5", "%", &a))
	fmt.Println(fmt.Sscanf("12345", "%3d%d", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("y5", "x%d", &a))
	fmt.Println(fmt.Sscanf("5 abd", "%d abc", &a))
	fmt.Println(fmt.Sscanf("5 ab", "%d abc", &a))
	fmt.Println(fmt.Sscanf("abcd", "%2s%2s", &s, &s))
	fmt.Println(s)
	var c1, c2 rune
	fmt.Println(fmt.Sscanf("a b", "%c%c", &c1, &c2))
	fmt.Println(c1, c2)
	fmt.Println(fmt.Sscanf("a b", "%c %c", &c1, &c2))
	fmt.Println(c1, c2)
	fmt.Println(fmt.Sscanf("5x", "%dx", &a))
	fmt.Println(fmt.Sscanf("5 x", "%dx", &a))
	fmt.Println(fmt.Sscanf("5", "%d\n", &a))
	fmt.Println(fmt.Sscanf("5\n", "%d", &a))
	fmt.Println(fmt.Sscanf("5\n\n", "%d\n", &a))
	fmt.Println(fmt.Sscanf("5 6", "%d  %d", &a, &b))
	fmt.Println(fmt.Sscanf("56", "%d %d", &a, &b))
	fmt.Println(fmt.Sscanf("5\t6", "%d\t%d", &a, &b))
	fmt.Println(fmt.Sscanf("a=5;b=6", "a=%d;b=%d", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscanf("é5", "é%d", &a))
	fmt.Println(fmt.Sscanf("7", "%5d", &a))
	fmt.Println(a)
	fmt.Println(fmt.Sscanf("", ""))
	fmt.Println(fmt.Sscanf("abc", "abc"))
	fmt.Println(fmt.Sscanf("abc", ""))
	fmt.Println(fmt.Sscanf("x", "%d", &a))
	fmt.Println(fmt.Sscanf("  ", "%d", &a))
	fmt.Println(fmt.Sscanf("1 2", " %d %d ", &a, &b))
	fmt.Println(fmt.Sscanf("1 2", "%d%d%d", &a, &b, &a))
}

func targets() {
	var a int
	n, err := fmt.Sscan("5", a)
	fmt.Println(n, err)
	fmt.Println(fmt.Sscan("5", "str"))
	fmt.Println(fmt.Sscan("5", 3.5))
	var m map[string]int
	fmt.Println(fmt.Sscan("5", &m))
	var p P
	fmt.Println(fmt.Sscan("5", &p))
	fmt.Println(fmt.Sscan("5", &p.X))
	fmt.Println(p.X)
	arr := [3]int{}
	fmt.Println(fmt.Sscan("7 8", &arr[1], &arr[2]))
	fmt.Println(arr)
	sl := make([]int8, 2)
	fmt.Println(fmt.Sscan("9 200", &sl[0], &sl[1]))
	fmt.Println(sl)
	q := &P{}
	fmt.Println(fmt.Sscan("11", &q.X))
	fmt.Println(q.X)
	var x interface{}
	fmt.Println(fmt.Sscan("5", &x))
	fmt.Println(fmt.Sscan("1 x 3", &a, a, &a))
	fmt.Println(a)
	var e error
	_, e = fmt.Sscan("", &a)
	fmt.Println(e == io.EOF)
}

func named() {
	var c Celsius
	var id ID
	var nm Name
	var fl Flag
	fmt.Println(fmt.Sscan("36.6 100 bob T", &c, &id, &nm, &fl))
	fmt.Println(c, id, nm, fl)
	fmt.Println(fmt.Sscan("200", &id))
	fmt.Println(id)
	fmt.Println(fmt.Sscanf("7", "%d", &c))
	fmt.Println(c)
	fmt.Println(fmt.Sscanf("x", "%d", &fl))
	fmt.Println(fmt.Sscanf("x", "%x", &nm))
	fmt.Println(fmt.Sscanf("7", "%s", &id))
}

func spaces() {
	var a, b int
	fmt.Println(fmt.Sscan("1\u00a02", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscan("\u20003\u30004", &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Sscan(" \t\v\f 5", &a))
	fmt.Println(a)
	var s string
	fmt.Println(fmt.Sscan("ab\u2028cd", &s))
	fmt.Println(s)
	fmt.Println(fmt.Sscan("\xff\xfe x", &s))
	fmt.Printf("%q\n", s)
}

// slow hands out two bytes per Read: Fscan reads a plain io.Reader a byte at a time
type slow struct {
	data string
	i    int
}

func (s *slow) Read(p []byte) (int, error) {
	if s.i >= len(s.data) {
		return 0, io.EOF
	}
	n := 2
	if s.i+n > len(s.data) {
		n = len(s.data) - s.i
	}
	n = copy(p, s.data[s.i:s.i+n])
	s.i += n
	return n, nil
}

type failing struct{ n int }

func (f *failing) Read(p []byte) (int, error) {
	f.n++
	if f.n > 3 {
		return 0, fmt.Errorf("boom")
	}
	p[0] = '7'
	return 1, nil
}

func readers() {
	// an io.RuneScanner keeps the rune Fscan pushed back
	sr := strings.NewReader("10 20\n30 x 40 é")
	var a, b int
	var s string
	fmt.Println(fmt.Fscan(sr, &a, &b))
	fmt.Println(fmt.Fscanln(sr, &a))
	fmt.Println(fmt.Fscan(sr, &s))
	fmt.Println(a, b, s)
	rest, _ := io.ReadAll(sr)
	fmt.Printf("%q\n", rest)

	var buf bytes.Buffer
	buf.WriteString("1.5 true héllo\n2\n")
	var f float64
	var t bool
	fmt.Println(fmt.Fscan(&buf, &f, &t, &s))
	fmt.Println(f, t, s)
	fmt.Println(fmt.Fscanf(&buf, "\n%d\n", &a))
	fmt.Println(a, buf.Len())

	sl := &slow{data: "12 345 é6 789\nline two\n"}
	fmt.Println(fmt.Fscan(sl, &a, &b))
	fmt.Println(a, b)
	var r rune
	fmt.Println(fmt.Fscanf(sl, "%c%d", &r, &a))
	fmt.Println(r, a)
	fmt.Println(fmt.Fscanln(sl, &a, &b))
	fmt.Println(a, b)
	fmt.Println(fmt.Fscanln(sl, &s, &s))
	fmt.Println(s)
	fmt.Println(fmt.Fscan(sl, &s))

	a = 0
	fmt.Println(fmt.Fscan(&failing{}, &a))
	fmt.Println(a)
	n, err := fmt.Fscan(strings.NewReader(""), &a)
	fmt.Println(n, err, err == io.EOF)
}
