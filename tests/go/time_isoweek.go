package main

import (
	"fmt"
	"time"
)

func main() {
	// year boundaries: Dec 28-31 and Jan 1-4 of several years
	for _, y := range []int{2003, 2004, 2008, 2009, 2014, 2015, 2019, 2020, 2021, 2025, 2026, 2032} {
		for _, d := range []time.Time{
			time.Date(y, time.December, 28, 12, 0, 0, 0, time.UTC),
			time.Date(y, time.December, 29, 12, 0, 0, 0, time.UTC),
			time.Date(y, time.December, 30, 12, 0, 0, 0, time.UTC),
			time.Date(y, time.December, 31, 12, 0, 0, 0, time.UTC),
			time.Date(y+1, time.January, 1, 0, 0, 0, 0, time.UTC),
			time.Date(y+1, time.January, 2, 23, 59, 59, 0, time.UTC),
			time.Date(y+1, time.January, 3, 12, 0, 0, 0, time.UTC),
			time.Date(y+1, time.January, 4, 12, 0, 0, 0, time.UTC),
		} {
			yy, w := d.ISOWeek()
			fmt.Printf("%s %s %d-W%02d\n", d.Format("2006-01-02"), d.Weekday().String()[:3], yy, w)
		}
	}
	// a whole 53-week year (2020) week by week, and the weeks of 2021
	for d := time.Date(2020, 12, 21, 0, 0, 0, 0, time.UTC); d.Year() < 2021 || d.Month() == 1 && d.Day() < 12; d = d.AddDate(0, 0, 1) {
		y, w := d.ISOWeek()
		fmt.Println(d.Format("Mon Jan 2 2006"), y, w)
	}
	counts := map[int]int{}
	for d := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2030; d = d.AddDate(0, 0, 7) {
		y, w := d.ISOWeek()
		if w > counts[y] {
			counts[y] = w
		}
	}
	for y := 2015; y < 2030; y++ {
		fmt.Println(y, "has", counts[y], "weeks")
	}
	// the calendar day in the time's own location decides
	loc := time.FixedZone("X", -5*3600)
	t := time.Date(2021, 1, 4, 2, 0, 0, 0, time.UTC) // Monday in UTC, Sunday in X
	fmt.Println(t.ISOWeek())
	fmt.Println(t.In(loc).ISOWeek())
	fmt.Println(time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).ISOWeek())
	fmt.Println(time.Time{}.ISOWeek())
	fmt.Println(time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC).ISOWeek())
	fmt.Println(time.Date(2000, 2, 29, 0, 0, 0, 0, time.UTC).ISOWeek())
	fmt.Println(time.Date(1900, 12, 31, 0, 0, 0, 0, time.UTC).ISOWeek())
	fmt.Println(time.Date(-1, 12, 31, 0, 0, 0, 0, time.UTC).ISOWeek())
	tp := &t
	fmt.Println(tp.ISOWeek())
}
