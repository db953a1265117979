// encoding/json with time.Time: RFC 3339 strings with nanoseconds both ways.
package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Event struct {
	Name string
	At   time.Time
	Ptr  *time.Time
	Opt  *time.Time `json:",omitempty"`
}

func show(v interface{}) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(string(b))
}

func main() {
	t := time.Date(2020, time.January, 2, 3, 4, 5, 0, time.UTC)
	show(t)
	show(time.Date(2021, 12, 31, 23, 59, 59, 123456789, time.UTC))
	show(time.Date(2021, 12, 31, 23, 59, 59, 120000000, time.UTC))
	var zero time.Time
	show(zero)
	p := t.Add(90 * time.Minute)
	ev := Event{Name: "launch", At: t, Ptr: &p}
	show(ev)
	show([]time.Time{t, t.AddDate(0, 1, 0)})
	show(map[string]time.Time{"b": t, "a": p})
	show(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC))
	ind, _ := json.MarshalIndent(ev, "", "  ")
	fmt.Println(string(ind))

	// and back
	b, _ := json.Marshal(ev)
	var back Event
	err := json.Unmarshal(b, &back)
	fmt.Println(err, back.Name, back.At, back.At.Equal(t), back.Ptr != nil && back.Ptr.Equal(p), back.Opt == nil)

	var t2 time.Time
	err = json.Unmarshal([]byte(`"2021-06-07T08:09:10.5+02:00"`), &t2)
	fmt.Println(err, t2.UTC(), t2.Nanosecond())
	fmt.Println(t2.Format(time.RFC3339Nano))
	show(t2.UTC())

	var t3 time.Time
	err = json.Unmarshal([]byte(`"2022-03-04T05:06:07.000000001Z"`), &t3)
	fmt.Println(err, t3, t3.Nanosecond())

	// null leaves the value alone
	t4 := t
	err = json.Unmarshal([]byte(`null`), &t4)
	fmt.Println(err, t4)

	// errors: the time.ParseError
	var e1 Event
	err = json.Unmarshal([]byte(`{"Name":"x","At":123,"Ptr":null}`), &e1)
	fmt.Println(err)
	fmt.Println(e1.Name, e1.At.IsZero())
	e2 := Event{Name: "kept", At: t}
	err = json.Unmarshal([]byte(`{"At":"bad","Name":"changed"}`), &e2)
	fmt.Println(err != nil, e2.Name, e2.At.IsZero())
	var t5 time.Time
	err = json.Unmarshal([]byte(`"yesterday"`), &t5)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`"2020-01-02 03:04:05"`), &t5)
	fmt.Println(err)

	// into a map and an interface
	var m map[string]time.Time
	err = json.Unmarshal([]byte(`{"x":"2000-02-29T12:00:00Z"}`), &m)
	fmt.Println(err, m["x"], m["x"].Weekday())
	var any interface{}
	err = json.Unmarshal(b, &any)
	fmt.Println(err, any.(map[string]interface{})["At"])
}
