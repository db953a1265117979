// Time == compares the instant and the *Location (Go compares wall, ext and
// loc), so Times in different locations differ under == and as map keys
// while Equal holds; the location survives struct fields, slices, maps,
// channels, parameters and conversions.
package main

import (
	"fmt"
	"time"
)

type Event struct {
	Name string
	At   time.Time
}

func zone(t time.Time) string {
	name, off := t.Zone()
	return fmt.Sprint(t.Location(), " ", name, " ", off)
}

func main() {
	est := time.FixedZone("EST", -5*3600)
	est2 := time.FixedZone("EST", -5*3600)
	t := time.Date(2023, 3, 12, 7, 30, 0, 0, time.UTC)

	fmt.Println(t == t.UTC(), t.UTC() == t.UTC(), t.In(time.UTC) == t, t == t.In(est), t.In(est) == t.In(est))
	fmt.Println(t.In(est) == t.In(est2), t.In(est).Equal(t.In(est2)), t.Equal(t.In(est)))
	fmt.Println(t.Local() == t.Local(), t.Local() == t.In(time.Local), t.Local() == t.UTC(), t.Local().Equal(t))
	fmt.Println(time.Date(2023, 3, 12, 2, 30, 0, 0, est) == t.In(est), time.Time{} == time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC))
	fmt.Println(time.Time{} == time.Time{}.In(est), time.Time{}.IsZero(), time.Time{}.In(est).IsZero())

	p1, _ := time.ParseInLocation(time.RFC3339, "2023-03-12T02:30:00-05:00", time.UTC)
	p2, _ := time.ParseInLocation(time.RFC3339, "2023-03-12T02:30:00-05:00", time.UTC)
	fmt.Println(p1 == p2, p1.Equal(p2), p1 == t, p1.Equal(t))

	m := map[time.Time]string{}
	m[t] = "utc"
	m[t.In(est)] = "est"
	m[t.UTC()] = "utc again"
	fmt.Println(len(m), m[t], m[t.In(est)], m[t.In(est2)] == "")
	km := map[any]int{t: 1, t.In(est): 2}
	fmt.Println(len(km), km[t], km[t.In(est)])

	e := Event{"launch", t.In(est)}
	events := []Event{e, {"landing", t.Add(time.Hour)}}
	times := []time.Time{t.In(est), t}
	arr := [2]time.Time{t.In(est), t}
	ch := make(chan time.Time, 1)
	ch <- t.In(est)
	var x any = t.In(est)
	fmt.Println(zone(e.At), zone(events[0].At), zone(events[1].At), zone(times[0]), zone(arr[0]), zone(<-ch), zone(x.(time.Time)))
	fmt.Println(e == Event{"launch", t.In(est)}, e == Event{"launch", t}, times[0] == arr[0], x == any(t.In(est)), x == any(t))
	var y time.Time = t.In(est)
	y2 := time.Time(y)
	fmt.Println(zone(y), zone(y2), y == y2)
	for k, v := range map[string]time.Time{"k": t.In(est)} {
		fmt.Println(k, zone(v), v)
	}
}
