// Drives the maas-sim with Juju's own MAAS client library, github.com/juju/gomaasapi (the controller
// API Juju's MAAS provider uses), and prints one JSON report on stdout for test/real-clients.test.ts.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/juju/gomaasapi"
)

type report struct {
	Capabilities []string          `json:"capabilities"`
	Zones        []string          `json:"zones"`
	Pools        []string          `json:"pools"`
	Spaces       []string          `json:"spaces"`
	Fabrics      []string          `json:"fabrics"`
	Domains      []string          `json:"domains"`
	BootImages   []string          `json:"bootImages"`
	Tags         []string          `json:"tags"`
	ZoneMachines []string          `json:"zoneMachines"`
	Allocated    string            `json:"allocated"`
	Storage      map[string]int    `json:"storage"`
	Deployed     string            `json:"deployedStatus"`
	OwnerData    map[string]string `json:"ownerData"`
	Released     string            `json:"releasedStatus"`
	NoMatchError string            `json:"noMatchError"`
	BadKeyError  string            `json:"badKeyError"`
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gomaasapi:", err)
		os.Exit(1)
	}
}

func main() {
	url, key := os.Args[1], os.Args[2]
	c, err := gomaasapi.NewController(gomaasapi.ControllerArgs{BaseURL: url, APIKey: key})
	must(err)
	r := report{Storage: map[string]int{}}
	r.Capabilities = c.Capabilities().SortedValues()
	zones, err := c.Zones()
	must(err)
	for _, z := range zones {
		r.Zones = append(r.Zones, z.Name())
	}
	// gomaasapi 2.0.0's Pools() GETs /pools/, a path MAAS does not have (it serves /resourcepools/):
	// record the error the simulator gives, as MAAS would.
	if _, err := c.Pools(); err != nil {
		r.Pools = append(r.Pools, err.Error())
	}
	spaces, err := c.Spaces()
	must(err)
	for _, s := range spaces {
		for _, sn := range s.Subnets() {
			r.Spaces = append(r.Spaces, s.Name()+"="+sn.CIDR())
		}
	}
	fabrics, err := c.Fabrics()
	must(err)
	for _, f := range fabrics {
		for _, v := range f.VLANs() {
			r.Fabrics = append(r.Fabrics, fmt.Sprintf("%s/%d", f.Name(), v.VID()))
		}
	}
	domains, err := c.Domains()
	must(err)
	for _, d := range domains {
		r.Domains = append(r.Domains, d.Name())
	}
	boot, err := c.BootResources()
	must(err)
	for _, b := range boot {
		r.BootImages = append(r.BootImages, b.Name()+"@"+b.Architecture())
	}
	tags, err := c.Tags()
	must(err)
	for _, t := range tags {
		r.Tags = append(r.Tags, t.Name())
	}
	machines, err := c.Machines(gomaasapi.MachinesArgs{Zone: "edge-c"})
	must(err)
	for _, m := range machines {
		r.ZoneMachines = append(r.ZoneMachines, m.Hostname())
	}

	m, matches, err := c.AllocateMachine(gomaasapi.AllocateMachineArgs{
		Tags:      []string{"gpu"},
		Zone:      "edge-c",
		Storage:   []gomaasapi.StorageSpec{{Label: "root", Size: 500}, {Label: "data", Size: 2000}},
		AgentName: "juju-sim-test",
	})
	must(err)
	r.Allocated = m.Hostname()
	for label, devices := range matches.Storage {
		for _, d := range devices {
			r.Storage[label] = d.ID()
		}
	}
	must(m.Start(gomaasapi.StartArgs{DistroSeries: "jammy", Comment: "juju"}))
	must(m.SetOwnerData(map[string]string{"juju-model-uuid": "abc", "juju-is-controller": "true"}))
	again, err := c.Machines(gomaasapi.MachinesArgs{SystemIDs: []string{m.SystemID()}})
	must(err)
	r.Deployed = again[0].StatusName()
	r.OwnerData = again[0].OwnerData()
	must(c.ReleaseMachines(gomaasapi.ReleaseMachinesArgs{SystemIDs: []string{m.SystemID()}, Comment: "done"}))
	released, err := c.Machines(gomaasapi.MachinesArgs{SystemIDs: []string{m.SystemID()}})
	must(err)
	r.Released = released[0].StatusName()

	_, _, err = c.AllocateMachine(gomaasapi.AllocateMachineArgs{Tags: []string{"gpu"}, Zone: "edge-a"})
	if err != nil {
		r.NoMatchError = fmt.Sprintf("%v|nomatch=%v", err, gomaasapi.IsNoMatchError(err))
	}
	_, err = gomaasapi.NewController(gomaasapi.ControllerArgs{BaseURL: url, APIKey: "a:b:c"})
	if err != nil {
		r.BadKeyError = fmt.Sprintf("%v|permission=%v", err, gomaasapi.IsPermissionError(err))
	}
	must(json.NewEncoder(os.Stdout).Encode(r))
}
