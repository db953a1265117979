package main

import (
	"fmt"
	"time"
)

func main() {
	layouts := []struct{ layout, value string }{
		{time.RFC3339, "2023-01-02T15:04:05Z"},
		{time.RFC3339, "2023-01-02T15:04:05+02:00"},
		{time.RFC3339, "2023-01-02T15:04:05.123456-07:30"},
		{time.RFC3339Nano, "2023-01-02T15:04:05.5Z"},
		{"2006-01-02", "2024-02-29"},
		{"2006-01-02", "2023-02-29"},
		{"2006-01-02", "2023-13-01"},
		{"2006-01-02 15:04:05", "2023-07-04 09:08:07"},
		{"2006-01-02 15:04:05", "2023-07-04 25:08:07"},
		{"2006-01-02 15:04:05", "2023-07-04 09:08:07.25"},
		{time.Kitchen, "3:04PM"},
		{time.Kitchen, "12:30AM"},
		{"02/01/2006", "31/12/1999"},
		{"Jan 2, 2006", "Mar 15, 2021"},
		{"January 2, 2006", "march 5, 2021"},
		{"2006-01-02", "2023-07-04x"},
		{"2006-01-02", "23-07-04"},
		{"15:04", "7:30"},
		{"20060102", "20230704"},
		{"2006.01.02 15h04", "2023.07.04 18h30"},
		{time.RFC1123, "Mon, 02 Jan 2006 15:04:05 UTC"},
		{time.ANSIC, "Mon Jan  2 15:04:05 2006"},
		{"2006-002", "2024-060"},
	}
	for _, l := range layouts {
		t, err := time.Parse(l.layout, l.value)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(t, "|", t.Format(time.RFC3339Nano), t.Unix(), t.Weekday(), t.YearDay())
	}
	d := time.Date(2023, 12, 31, 23, 59, 59, 999, time.UTC)
	fmt.Println(d, d.Add(time.Nanosecond), d.AddDate(0, 2, 0), d.AddDate(1, -12, 1))
	fmt.Println(time.Date(2023, 14, 35, 25, 61, 61, 0, time.UTC))
	fmt.Println(time.Date(2020, 3, 0, 0, 0, 0, 0, time.UTC).Day())
	y, m, dd := d.Date()
	h, mi, s := d.Clock()
	fmt.Println(y, m, dd, h, mi, s, d.Location(), time.UTC, d.Nanosecond())
	fmt.Println(d.Truncate(24*time.Hour), d.Round(time.Hour), d.Truncate(7*24*time.Hour))
	u := time.Unix(0, 0).UTC()
	fmt.Println(u, u.Format(time.UnixDate), u.Format(time.RFC822Z), u.Format("Monday 02 January 2006 3:4:5 pm .000 ,999 __2 002"))
	var z time.Time
	fmt.Println(z, z.IsZero(), z.Year(), z.Unix(), z.Location())
	a := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	b := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	fmt.Println(b.Sub(a), b.Sub(a).Hours(), a.Before(b), a.After(b), a.Equal(a.UTC()))
	fmt.Printf("%v %s %d\n", a.Month(), a.Weekday(), a.Month())
	t, _ := time.Parse(time.RFC3339, "2023-01-02T15:04:05+02:00")
	fmt.Println(t.UTC(), t.Format(time.RFC1123Z), t.Format(time.RFC1123))
	name, off := t.Zone()
	fmt.Printf("%q %d\n", name, off)
	fmt.Println(time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC).AddDate(1, 0, 0))
}
