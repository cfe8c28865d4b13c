//go:build unix

package proc

import (
	"os/exec"
	"syscall"
)

// ownGroup starts the program as the leader of a process group of its
// own, and has its end kill the whole group: a hook's children (a
// shell's sleep, a curl it forked) end with it.
func ownGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
