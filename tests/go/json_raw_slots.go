// encoding/json: RawMessage and Number behind pointers, in slices, arrays,
// maps and interfaces, both ways; Number edge cases.
package main

import (
	"encoding/json"
	"fmt"
)

type W struct {
	R  *json.RawMessage
	N  *json.Number
	Rs []json.RawMessage
	M  map[string]json.Number
	A  [2]json.RawMessage
	I  interface{}
}

func main() {
	r := json.RawMessage(` {"a" : 1} `)
	n := json.Number("2.5")
	b, err := json.Marshal(&r)
	fmt.Println(string(b), err)
	b, err = json.Marshal(W{R: &r, N: &n, Rs: []json.RawMessage{r}, M: map[string]json.Number{"k": n}, A: [2]json.RawMessage{r}, I: r})
	fmt.Println(string(b), err)
	var w W
	err = json.Unmarshal([]byte(`{"R":[1, 2],"N":3,"Rs":[1, "x" ,null],"M":{"a":1e2},"A":[true],"I":5}`), &w)
	fmt.Println(err, string(*w.R), *w.N, len(w.Rs), string(w.Rs[1]), string(w.Rs[2]), w.M, string(w.A[0]), w.A[1] == nil, w.I)
	fmt.Printf("%T %T\n", w.Rs[0], w.M["a"])
	var nn json.Number
	fmt.Println(json.Unmarshal([]byte(`-0.5e-3`), &nn), nn)
	f, _ := nn.Float64()
	fmt.Println(f)
	fmt.Println(json.Unmarshal([]byte(`"1."`), &nn), nn)
	fmt.Println(json.Unmarshal([]byte(`""`), &nn), nn)
	fmt.Println(json.Unmarshal([]byte(`null`), &nn), nn)
	var p *json.RawMessage
	fmt.Println(p.UnmarshalJSON([]byte("1")))
	fmt.Println(json.Valid(r), json.Valid([]byte("1 2")))
}
