// Fixed zones: time.FixedZone with Date, In, Location, Zone and Format, the
// fixed zones time.Parse makes, and LoadLocation's special names and errors.
package main

import (
	"fmt"
	"time"
)

// show prints a Time with its location and zone (passed as any: the
// location must survive the call).
func show(v any) {
	t := v.(time.Time)
	name, off := t.Zone()
	fmt.Printf("%v | %q %q %d\n", t, t.Location(), name, off)
}

func main() {
	est := time.FixedZone("EST", -5*3600)
	ist := time.FixedZone("IST", 5*3600+1800)
	anon := time.FixedZone("", 3600)
	odd := time.FixedZone("ODD", -(3*3600 + 25*60 + 7))
	fmt.Println(est, ist, anon.String() == "", odd)
	fmt.Printf("%q %q\n", anon.String(), time.UTC.String())

	t := time.Date(2023, time.March, 12, 7, 30, 15, 123456789, time.UTC)
	for _, loc := range []*time.Location{time.UTC, est, ist, anon, odd} {
		u := t.In(loc)
		show(u)
		fmt.Println("  ", u.Location() == loc, u.Equal(t), u.Sub(t), u.Before(t), u.After(t), u.Unix(), u.UnixNano())
		fmt.Println("  ", u.Format(time.RFC3339Nano), "|", u.Format(time.RFC1123), "|", u.Format(time.RFC822Z))
		fmt.Println("  ", u.Format("MST -0700 -07:00 -07 Z0700 Z07:00 Z07 -070000 -07:00:00 Z070000 Z07:00:00"))
		fmt.Println("  ", u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), u.Weekday(), u.YearDay())
		y, m, d := u.Date()
		h, mi, s := u.Clock()
		fmt.Println("  ", y, m, d, h, mi, s, u.IsDST(), u.IsZero())
	}

	d := time.Date(2024, time.February, 29, 23, 59, 59, 0, ist)
	show(d)
	show(d.UTC())
	show(d.Local().In(ist))
	show(d.Add(time.Second))
	show(d.AddDate(0, 0, 1))
	show(d.AddDate(1, 0, 0))
	show(d.Truncate(time.Hour))
	show(d.Round(24 * time.Hour))
	show(time.Date(2000, 1, 1, 0, 0, 0, 0, odd))
	show(time.Date(2023, 13, 32, 25, 61, 61, 0, est))

	// the zero Time is UTC; moved to a zone it keeps its instant
	var z time.Time
	show(z)
	show(z.In(est))
	show(time.Date(1, 1, 1, 1, 0, 0, 0, anon))
	fmt.Println(z.In(est).IsZero(), time.Date(1, 1, 1, 1, 0, 0, 0, anon).IsZero(), z.Location())
	fmt.Println(z.Unix(), z.UnixNano(), z.UnixMilli(), z.UnixMicro(), z.Add(time.Hour), z.Sub(z.Add(time.Hour)))

	// Parsing in UTC (time.Parse would try Local's zones first): a numeric
	// offset gives a nameless fixed zone, a zone name a fixed zone of offset
	// 0 (GMT+h: h hours), "Z" and "UTC" give UTC.
	for _, s := range []string{"2023-06-01T10:00:00+05:30", "2023-06-01T10:00:00-08:00", "2023-06-01T10:00:00Z"} {
		p, err := time.ParseInLocation(time.RFC3339, s, time.UTC)
		show(p)
		fmt.Println("  ", err)
	}
	for _, s := range []string{"PST", "GMT", "GMT+3", "GMT-11", "GMT+99", "CEST", "ChST", "+03", "WITA", "ABCDE", "AB", "ABCDEF", "UTC"} {
		p, err := time.ParseInLocation(time.RFC1123, "Mon, 02 Jan 2006 15:04:05 "+s, time.UTC)
		if err != nil {
			fmt.Println(err)
			continue
		}
		show(p)
	}
	p, _ := time.ParseInLocation("2006-01-02 15:04 -0700 MST", "2020-05-05 12:00 +0900 JST", time.UTC)
	show(p)
	p, _ = time.ParseInLocation("2006-01-02 15:04", "2020-05-05 12:00", est)
	show(p)
	p, _ = time.ParseInLocation("2006-01-02 15:04 MST", "2020-05-05 12:00 IST", ist)
	show(p)
	p, _ = time.ParseInLocation(time.RFC3339, "2020-05-05T12:00:00+05:30", ist)
	show(p)
	p, _ = time.ParseInLocation(time.RFC3339, "2020-05-05T12:00:00+05:00", ist)
	show(p)

	// LoadLocation: "" and "UTC" are UTC, "Local" is Local; bad names fail
	for _, name := range []string{"", "UTC", "Local", "Nowhere/Atlantis", "../x", "/etc/passwd"} {
		l, err := time.LoadLocation(name)
		fmt.Printf("%q %v %v\n", name, l == nil, err)
		if err == nil {
			fmt.Println("  ", l == time.UTC, l == time.Local) // Local's name depends on $TZ
		}
	}
	fmt.Println(time.Date(2009, 11, 10, 23, 0, 0, 0, time.UTC).In(time.FixedZone("X", 0)).Format(time.RFC3339))
	fmt.Println(time.Unix(1e9, 0).In(est).Format(time.UnixDate), time.UnixMilli(1e12).In(ist), time.UnixMicro(1e15).UTC())
}
