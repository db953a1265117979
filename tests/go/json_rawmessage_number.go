// encoding/json's RawMessage and Number, Decoder.UseNumber and
// Decoder.DisallowUnknownFields.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

type Cfg struct {
	Name  string `json:"name"`
	Extra json.RawMessage
	N     json.Number
	PR    *json.RawMessage `json:",omitempty"`
	Q     json.Number      `json:",string"`
}

type Envelope struct {
	Kind string
	Data json.RawMessage
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
	var c Cfg
	err := json.Unmarshal([]byte(`{"name":"x","Extra":{ "a" : [1, 2] },"N":12.50,"Q":"7"}`), &c)
	fmt.Println(err, string(c.Extra), c.N, c.Q)
	fmt.Printf("%T %T %q\n", c.Extra, c.N, c.N)
	show(c)
	c.Extra = json.RawMessage(" [ \"<a&b>\" , true ] ")
	show(c)
	c.Extra = nil
	c.N = ""
	show(c)
	c.Extra = json.RawMessage(`{"a":`)
	show(c)
	c.Extra = json.RawMessage{}
	show(c)
	c.Extra = json.RawMessage(`1`)
	c.N = "1x"
	show(c)
	r := json.RawMessage(`"pr"`)
	show(Cfg{PR: &r, N: "-3e5"})
	show(json.RawMessage(`[ 1 ]`))
	show([]json.RawMessage{json.RawMessage(`1`), nil, json.RawMessage(` {} `)})
	show(map[string]json.Number{"b": "2", "a": "1.5"})

	// null and strings into RawMessage; JSON strings into Number.
	c = Cfg{}
	err = json.Unmarshal([]byte(`{"Extra":null,"N":"42","PR":[true]}`), &c)
	fmt.Println(err, string(c.Extra), c.Extra == nil, c.N, string(*c.PR))
	err = json.Unmarshal([]byte(`{"N":"abc"}`), &c)
	fmt.Println(err)
	err = json.Unmarshal([]byte(`{"N":true}`), &c)
	fmt.Println(err)

	// The envelope pattern: decode the kind, then the payload.
	var envs []Envelope
	err = json.Unmarshal([]byte(`[{"Kind":"point","Data":{"X":1,"Y":2}},
		{"Kind":"name","Data":"bob"}]`), &envs)
	fmt.Println(err, len(envs))
	for _, e := range envs {
		switch e.Kind {
		case "point":
			var p struct{ X, Y int }
			fmt.Println(json.Unmarshal(e.Data, &p), p)
		case "name":
			var s string
			fmt.Println(json.Unmarshal(e.Data, &s), s)
		}
	}
	var parts map[string]json.RawMessage
	fmt.Println(json.Unmarshal([]byte(`{"a": [1,  2], "b": {"c":null}}`), &parts))
	fmt.Println(string(parts["a"]), string(parts["b"]))
	var raw json.RawMessage
	fmt.Println(json.Unmarshal([]byte(`  "top" `), &raw), string(raw))

	// Number methods.
	for _, n := range []json.Number{"12", "-7", "1.5", "1e3", "x", "9223372036854775808"} {
		i, ierr := n.Int64()
		f, ferr := n.Float64()
		fmt.Println(n.String(), i, ierr, f, ferr)
	}

	// UseNumber: numbers in interface{} values become json.Number.
	dec := json.NewDecoder(strings.NewReader(`{"a": 1, "b": [2.5, -3e2], "c": {"d": 12345678901234567890}}`))
	dec.UseNumber()
	var v map[string]interface{}
	fmt.Println(dec.Decode(&v))
	fmt.Println(v)
	fmt.Printf("%T %T\n", v["a"], v["b"].([]interface{})[1])
	n := v["c"].(map[string]interface{})["d"].(json.Number)
	fmt.Println(n, n.String())
	_, err = n.Int64()
	fmt.Println(err)
	var any1 interface{}
	dec = json.NewDecoder(strings.NewReader(`7 8`))
	fmt.Println(dec.Decode(&any1))
	fmt.Printf("%T %v\n", any1, any1)
	dec.UseNumber()
	var any2 interface{}
	fmt.Println(dec.Decode(&any2))
	fmt.Printf("%T %v\n", any2, any2)
	show(v)

	// DisallowUnknownFields.
	type P struct {
		X int
		Y int `json:"y"`
	}
	dec = json.NewDecoder(strings.NewReader(`{"X":1,"z":2,"y":3,"w":4} {"x":5}`))
	dec.DisallowUnknownFields()
	var p P
	fmt.Println(dec.Decode(&p), p)
	p = P{}
	fmt.Println(dec.Decode(&p), p)
	dec = json.NewDecoder(strings.NewReader(`{"X":"s","z":2}`))
	dec.DisallowUnknownFields()
	fmt.Println(dec.Decode(&p))

	// Encoder with RawMessage inside.
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.Encode(Envelope{"k", json.RawMessage(`{"z": 1,  "a": 2}`)})
	fmt.Print(buf.String())
	out, _ := json.MarshalIndent(Envelope{"k", json.RawMessage(`{"z": [1 , 2]}`)}, "", "  ")
	fmt.Println(string(out))
}
