// encoding/json: UnmarshalJSON promoted from embedded fields (the Alias
// pattern, ambiguous and nil embedded pointers) and Go's field order and
// dominance rules for embedded structs.
package main

import (
	"encoding/json"
	"fmt"
	"time"
)

type Event struct {
	Name string
	When time.Time
}

func (e *Event) UnmarshalJSON(b []byte) error {
	type Alias Event
	aux := &struct {
		*Alias
		When string
	}{Alias: (*Alias)(e)}
	if err := json.Unmarshal(b, aux); err != nil {
		return err
	}
	t, err := time.Parse("2006-01-02", aux.When)
	if err != nil {
		return err
	}
	e.When = t
	return nil
}

type Base struct{ ID int }

func (b *Base) UnmarshalJSON(data []byte) error {
	b.ID = len(data)
	return nil
}

type A struct{ Base }
type B struct{ Base }
type Both struct {
	A
	B
	Z int
}

type Inner struct{ X, Y int }
type Outer struct {
	Inner
	X int
}

type T1 struct {
	N int `json:"n"`
}
type T2 struct{ N int }
type Tagged struct {
	T1
	T2
}

type WithPtr struct {
	*Base
	Q int
}

func main() {
	var e Event
	fmt.Println(json.Unmarshal([]byte(`{"Name":"launch","When":"2020-05-06"}`), &e))
	fmt.Println(e.Name, e.When.Format(time.RFC3339))
	var evs []Event
	fmt.Println(json.Unmarshal([]byte(`[{"Name":"a","When":"2021-01-02"},{"Name":"b","When":"bad"}]`), &evs))
	fmt.Println(len(evs), evs[0].Name)

	// ambiguous at the same depth: no method, decoded field by field
	var both Both
	fmt.Println(json.Unmarshal([]byte(`{"Z":3,"ID":4}`), &both), both.Z, both.A.ID, both.B.ID)
	var wp WithPtr
	wp.Base = &Base{}
	fmt.Println(json.Unmarshal([]byte(`{"Q":1}`), &wp), wp.ID, wp.Q)
	b, _ := json.Marshal(Outer{Inner{1, 2}, 3})
	fmt.Println(string(b))
	var o Outer
	fmt.Println(json.Unmarshal([]byte(`{"x":5,"y":6}`), &o), o)
	b, _ = json.Marshal(Tagged{T1{1}, T2{2}})
	fmt.Println(string(b))
	b, _ = json.Marshal(Both{A{Base{1}}, B{Base{2}}, 3})
	fmt.Println(string(b))
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		var w2 WithPtr
		fmt.Println(json.Unmarshal([]byte(`{"Q":1}`), &w2))
	}()
}
