// procs: 1,2
package main

import (
	"encoding/json"
	"fmt"
)

type Inner struct {
	X, Y int
}

type Msg struct {
	Type    string            `json:"type"`
	ID      int               `json:"id,omitempty"`
	Tags    []string          `json:"tags"`
	Meta    map[string]int    `json:"meta,omitempty"`
	Secret  string            `json:"-"`
	private int
	Ratio   float64
	Ok      bool `json:"ok"`
	Pos     *Inner `json:"pos"`
	Data    []byte `json:"data,omitempty"`
	Any     interface{} `json:"any"`
	Nums    [3]int
	Small   uint8
}

type Request struct {
	Kind string `json:"kind"`
}

type Outer struct {
	Inner
	Name string
}

func main() {
	m := Msg{Type: "ping", Tags: []string{"a", "b"}, Secret: "s", private: 1, Ratio: 0.5,
		Ok: true, Pos: &Inner{1, 2}, Data: []byte("hi!"), Any: map[string]interface{}{"z": 1, "a": "x"}, Small: 200}
	b, err := json.Marshal(m)
	fmt.Println(string(b), err)
	b, _ = json.Marshal(Msg{})
	fmt.Println(string(b))
	b, _ = json.MarshalIndent(m, "", "  ")
	fmt.Println(string(b))
	b, _ = json.MarshalIndent(map[string][]int{"b": {1, 2}, "a": {}}, ">", "\t")
	fmt.Println(string(b))

	for _, v := range []interface{}{nil, 1, -2.5, 1e21, 1e-7, 3.0, "q\"<>&\n\t\x01é", true, []int(nil), []int{}, map[int]string{2: "b", 1: "a"},
		Outer{Inner{3, 4}, "o"}, &Request{"ping"}, float32(0.1), uint64(18446744073709551615)} {
		b, err := json.Marshal(v)
		fmt.Println(string(b), err)
	}
	_, err = json.Marshal(make(chan int))
	fmt.Println(err)

	var r Msg
	err = json.Unmarshal([]byte(`{"type":"ack","id":7,"tags":["x"],"meta":{"k":1},"Ratio":2,"ok":true,"pos":{"X":5,"Y":6},"data":"aGkh","any":[1,"two",null,{"a":false}],"Nums":[1,2],"unknown":3,"SMALL":9}`), &r)
	fmt.Println(err)
	fmt.Printf("%+v %+v %s %v\n", r.Type, *r.Pos, r.Data, r.Any)
	fmt.Println(r.ID, r.Tags, r.Meta, r.Ratio, r.Ok, r.Nums, r.Small)

	var req Request
	fmt.Println(json.Unmarshal([]byte(`{"kind":"ping"}`), &req), req.Kind)

	var any interface{}
	fmt.Println(json.Unmarshal([]byte(` {"a":[1,2.5,"x"],"b":{"c":null}} `), &any))
	fmt.Println(any)

	var mm map[string]int
	fmt.Println(json.Unmarshal([]byte(`{"x":1,"y":2}`), &mm), mm)
	var sl []float64
	fmt.Println(json.Unmarshal([]byte(`[1,2,3.5]`), &sl), sl)
	var n int
	fmt.Println(json.Unmarshal([]byte(`42`), &n), n)
	var s string
	fmt.Println(json.Unmarshal([]byte(`"a\u00e9\n\ud83d\ude00"`), &s), s)
	var o Outer
	fmt.Println(json.Unmarshal([]byte(`{"X":1,"Y":2,"Name":"n"}`), &o), o)

	// errors
	fmt.Println(json.Unmarshal([]byte(`{"type":1}`), &r))
	fmt.Println(json.Unmarshal([]byte(`{"id":"x"}`), &r))
	fmt.Println(json.Unmarshal([]byte(`{"id":1.5}`), &r))
	fmt.Println(json.Unmarshal([]byte(`{"Small":300}`), &r))
	fmt.Println(json.Unmarshal([]byte(`"str"`), &n))
	fmt.Println(json.Unmarshal([]byte(`{"pos":{"X":"a"}}`), &r))
	fmt.Println(json.Unmarshal([]byte(``), &n))
	fmt.Println(json.Unmarshal([]byte(`{"a":1`), &any))
	fmt.Println(json.Unmarshal([]byte(`{"a" 1}`), &any))
	fmt.Println(json.Unmarshal([]byte(`[1,2}`), &any))
	fmt.Println(json.Unmarshal([]byte(`{"a":1,}`), &any))
	fmt.Println(json.Unmarshal([]byte(`tru`), &any))
	fmt.Println(json.Unmarshal([]byte(`trux`), &any))
	fmt.Println(json.Unmarshal([]byte(`1 2`), &any))
	fmt.Println(json.Unmarshal([]byte(`x`), &any))
	fmt.Println(json.Unmarshal([]byte(`-`), &any))
	fmt.Println(json.Unmarshal([]byte("\"a\nb\""), &any))
	fmt.Println(json.Unmarshal([]byte(`{}`), nil))
	fmt.Println(json.Unmarshal([]byte(`{}`), r))
	fmt.Println(json.Valid([]byte(`{"a":[1,2]}`)), json.Valid([]byte(`{`)))
}
