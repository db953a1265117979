// Zone files: time.LoadLocationFromTZData on TZif data built here (so the
// output does not depend on the machine's zoneinfo): transitions, the zone
// before the first one, the POSIX TZ rule of the footer for later times
// (northern and southern DST, Julian days), Date in DST gaps and overlaps,
// zone names in ParseInLocation, and malformed data.
package main

import (
	"fmt"
	"time"
)

type zone struct {
	off   int
	isdst bool
	abbr  int // index into the abbreviation string
}

func be(b []byte, v uint64, n int) []byte {
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>(8*uint(i))))
	}
	return b
}

func header(b []byte, version byte, ntx, nzone, nchar int) []byte {
	b = append(b, "TZif"...)
	b = append(b, version)
	b = append(b, make([]byte, 15)...)
	for _, n := range []int{0, 0, 0, ntx, nzone, nchar} {
		b = be(b, uint64(n), 4)
	}
	return b
}

func block(b []byte, size int, tx []int64, idx []byte, zones []zone, abbrevs string) []byte {
	for _, t := range tx {
		b = be(b, uint64(t), size)
	}
	b = append(b, idx...)
	for _, z := range zones {
		b = be(b, uint64(uint32(int32(z.off))), 4)
		if z.isdst {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
		b = append(b, byte(z.abbr))
	}
	return append(b, abbrevs...)
}

// tzif builds a version 2 file (or version 1 when footer is "-").
func tzif(tx []int64, idx []byte, zones []zone, abbrevs, footer string) []byte {
	if footer == "-" {
		b := header(nil, 0, len(tx), len(zones), len(abbrevs))
		return block(b, 4, tx, idx, zones, abbrevs)
	}
	b := header(nil, '2', len(tx), len(zones), len(abbrevs))
	b = block(b, 4, tx, idx, zones, abbrevs)
	b = header(b, '2', len(tx), len(zones), len(abbrevs))
	b = block(b, 8, tx, idx, zones, abbrevs)
	return append(b, "\n"+footer+"\n"...)
}

func utc(y int, m time.Month, d, h int) int64 { return time.Date(y, m, d, h, 0, 0, 0, time.UTC).Unix() }

func main() {
	// "Xland": local mean time, then XST/XDT with rules from 2021 on.
	zones := []zone{{-17762, false, 0}, {-5 * 3600, false, 4}, {-4 * 3600, true, 8}}
	abbrevs := "LMT\x00XST\x00XDT\x00"
	tx := []int64{-2717650800, utc(2020, 3, 8, 7), utc(2020, 11, 1, 6)}
	idx := []byte{1, 2, 1}
	files := []struct{ name, footer string }{
		{"X/North", "XST5XDT,M3.2.0,M11.1.0"},
		{"X/Default", "XST5XDT"},
		{"X/Julian", "XST5XDT4,J60/1:30,300/-1"},
		{"X/South", "<+10>-10<+11>,M10.1.0,M4.1.0/3"},
		{"X/Fixed", "<-03>3"},
		{"X/V1", "-"},
		{"X/BadRule", "XST5XDT,M13.1.0,M11.1.0"},
	}
	for _, f := range files {
		loc, err := time.LoadLocationFromTZData(f.name, tzif(tx, idx, zones, abbrevs, f.footer))
		if err != nil {
			fmt.Println(f.name, err)
			continue
		}
		fmt.Println("==", loc, loc.String() == f.name)
		for _, sec := range []int64{-3e9, -2717650801, -2717650800, 0, utc(2020, 3, 8, 7) - 1, utc(2020, 3, 8, 7),
			utc(2020, 7, 1, 0), utc(2021, 3, 14, 7) - 1, utc(2021, 3, 14, 7), utc(2021, 11, 7, 6) - 1,
			utc(2021, 11, 7, 6), utc(2022, 1, 1, 0), utc(2024, 2, 29, 12), utc(2024, 10, 6, 12), utc(2030, 4, 7, 12), utc(2100, 7, 4, 0)} {
			t := time.Unix(sec, 0).In(loc)
			name, off := t.Zone()
			fmt.Println("  ", sec, t, name, off, t.IsDST())
		}
		// wall clocks in the 2021 spring gap and autumn overlap
		for _, c := range [][3]int{{3, 14, 2}, {3, 14, 3}, {11, 7, 1}, {11, 7, 2}, {10, 3, 2}, {4, 4, 2}} {
			t := time.Date(2021, time.Month(c[0]), c[1], c[2], 30, 0, 0, loc)
			fmt.Println("   date", c, t, t.Unix())
		}
		for _, v := range []string{"2021-01-10 12:00 XST", "2021-07-10 12:00 XST", "2021-07-10 12:00 XDT",
			"2021-01-10 12:00 XDT", "1800-01-01 00:00 LMT", "2021-07-10 12:00 ABC", "2021-07-10 12:00 +10"} {
			p, err := time.ParseInLocation("2006-01-02 15:04 MST", v, loc)
			fmt.Println("   parse", v, "=>", p, p.Location(), err)
		}
		p, _ := time.ParseInLocation("2006-01-02 15:04 -0700", "2021-07-10 12:00 -0400", loc)
		fmt.Println("   parse", p, p.Location())
		p, _ = time.ParseInLocation("2006-01-02 15:04 -0700", "2021-07-10 12:00 -0500", loc)
		fmt.Println("   parse", p, p.Location())
		fmt.Println("  ", time.Date(2021, 7, 10, 12, 0, 0, 0, loc).AddDate(0, 6, 0), time.Date(2021, 3, 13, 12, 0, 0, 0, loc).Add(24*time.Hour))
	}

	// no transitions at all: one zone for all time
	l, err := time.LoadLocationFromTZData("Y", tzif(nil, nil, []zone{{3 * 3600, false, 0}}, "Y\x00", ""))
	fmt.Println(l, err, time.Date(2000, 1, 1, 0, 0, 0, 0, l), time.Date(1000, 1, 1, 0, 0, 0, 0, l))

	good := tzif(tx, idx, zones, abbrevs, "XST5XDT")
	for _, b := range [][]byte{nil, []byte("TZif"), good[:60], append([]byte("TZiX"), good[4:]...),
		tzif(nil, nil, nil, "", ""), tzif([]int64{0}, []byte{3}, zones, abbrevs, ""),
		tzif(nil, nil, []zone{{0, false, 9}}, "AB\x00", "")} {
		l, err := time.LoadLocationFromTZData("bad", b)
		fmt.Println(l == nil, err)
	}
}
