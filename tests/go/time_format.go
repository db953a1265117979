package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Unix(1700000000, 0).UTC()
	fmt.Println(t.Format(time.RFC3339))
	fmt.Println(t.Format("2006-01-02 15:04:05"), t.Format(time.Kitchen))
	fmt.Println(t.Format("Mon, 02 Jan 2006"), t.Format("Jan _2 3:04PM"), t.Format(time.ANSIC))
	fmt.Println(t.Year(), t.Month(), t.Day(), t.Weekday(), t.Hour(), t.Minute(), t.Second())

	d := time.Date(2024, time.February, 29, 13, 4, 5, 0, time.UTC)
	fmt.Println(d.Format("Mon Jan 2 15:04:05 2006"), d.YearDay())
	fmt.Println(d.AddDate(0, 1, 0).Format("2006-01-02"), d.Add(36*time.Hour).Format("2006-01-02 15:04:05"))
	p, err := time.Parse("2006-01-02", "2023-07-04")
	fmt.Println(p.Format(time.RFC1123), err)
	fmt.Println(d.Sub(p).Hours(), d.Truncate(time.Hour).Format(time.Stamp))
	fmt.Println(d.Before(p), d.After(p), d.Equal(d), d.Unix())
	_, err = time.Parse("2006-01-02", "not a date")
	fmt.Println(err != nil)
}
