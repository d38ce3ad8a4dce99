#!/usr/bin/env python3
"""The Kubernetes recipe (scripts/cluster/k8s-shards.yaml, k8s-merge.yaml), without a cluster:
parses both manifests (PyYAML), checks their structure (an Indexed Job whose N agrees in
completions and both SHARDS, a merge Job, the volumes they mount), then runs their containers'
shell scripts here, once per completion index with JOB_COMPLETION_INDEX set and the volumes'
mount paths replaced by local folders: the merged HTML report must be byte-identical to the
single-process audit's (`runaudit report` of its JSONL); with index 2's pod lost, the merge must refuse (exit 64) and name
shard 3. Skips (exit 77) without PyYAML.

    k8s.py RUNAUDIT SOURCE_DIR BATCH_DIR WORK_DIR
"""

import os
import re
import shutil
import subprocess
import sys

try:
    import yaml
except ImportError:
    print("SKIP: python3-yaml is not installed (scripts/install-deps.sh installs it)")
    sys.exit(77)


def fail(message):
    print(f"FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def load(path):
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    if len(docs) != 1 or docs[0].get("apiVersion") != "batch/v1" or docs[0].get("kind") != "Job":
        fail(f"{path}: expected one batch/v1 Job")
    return docs[0]


def container(job, path):
    pod = job["spec"]["template"]["spec"]
    if pod.get("restartPolicy") != "Never":
        fail(f"{path}: restartPolicy must be Never (a failed pod is retried by the Job)")
    (c,) = pod["containers"]
    claims = {v["name"] for v in pod["volumes"] if "persistentVolumeClaim" in v}
    for mount in c["volumeMounts"]:
        if mount["name"] not in claims:
            fail(f"{path}: volume {mount['name']} is mounted but not a claim")
    if c["command"] != ["/bin/sh", "-c"] or len(c["args"]) != 1:
        fail(f"{path}: the container should run one shell script (sh -c)")
    env = {e["name"]: e["value"] for e in c.get("env", [])}
    return c, env


def run_script(c, env, mounts, extra_env, path):
    """Runs the container's script here, its mount paths replaced by local folders."""
    script = c["args"][0]
    for mount in c["volumeMounts"]:
        pattern = r"(?<![\w/])" + re.escape(mount["mountPath"]) + r"(?=/|\s|\"|$)"
        script, n = re.subn(pattern, mounts[mount["name"]], script)
        if n == 0:
            fail(f"{path}: the script never uses {mount['mountPath']}")
    return subprocess.run(["/bin/sh", "-c", script], env={**os.environ, **env, **extra_env},
                          capture_output=True, text=True, check=False)


def main():
    runaudit, source_dir, batch, work = sys.argv[1:5]
    folder = os.path.join(source_dir, "scripts", "cluster")
    shards_path = os.path.join(folder, "k8s-shards.yaml")
    merge_path = os.path.join(folder, "k8s-merge.yaml")
    shards_job, merge_job = load(shards_path), load(merge_path)

    spec = shards_job["spec"]
    if spec.get("completionMode") != "Indexed":
        fail(f"{shards_path}: completionMode must be Indexed")
    n = spec["completions"]
    shard_c, shard_env = container(shards_job, shards_path)
    merge_c, merge_env = container(merge_job, merge_path)
    if shard_env.get("SHARDS") != str(n) or merge_env.get("SHARDS") != str(n):
        fail(f"N disagrees: completions {n}, SHARDS {shard_env.get('SHARDS')} in the shards "
             f"Job, {merge_env.get('SHARDS')} in the merge Job")
    if "JOB_COMPLETION_INDEX + 1" not in shard_c["args"][0]:
        fail(f"{shards_path}: shard K must be JOB_COMPLETION_INDEX + 1")
    print(f"manifests ok: Indexed Job of {n} completions, merge Job, SHARDS={n}")

    shutil.rmtree(work, ignore_errors=True)
    bin_dir, results = os.path.join(work, "bin"), os.path.join(work, "results")
    os.makedirs(bin_dir)
    os.makedirs(results)
    os.symlink(os.path.abspath(runaudit), os.path.join(bin_dir, "runaudit"))
    path_env = {"PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    mounts = {"archive": os.path.join(batch, "gpx"), "results": results}

    for index in range(n):
        done = run_script(shard_c, shard_env, mounts,
                          {**path_env, "JOB_COMPLETION_INDEX": str(index)}, shards_path)
        if done.returncode != 0:
            fail(f"pod {index} exited {done.returncode}: {done.stderr}")
    done = run_script(merge_c, merge_env, mounts, path_env, merge_path)
    if done.returncode != 0:
        fail(f"the merge exited {done.returncode}: {done.stderr}")
    single = os.path.join(work, "single.jsonl")
    subprocess.run([runaudit, "-q", "--fail-on", "never", "--series", "-f", "jsonl", "-o", single,
                    mounts["archive"]], check=True)
    expected = subprocess.run([runaudit, "report", "--fail-on", "never", "-f", "html", single],
                              capture_output=True, check=True).stdout
    with open(os.path.join(results, "report.html"), "rb") as f:
        if f.read() != expected:
            fail("the merged report.html differs from the single-process audit's")
    print(f"{n} pods and the merge: report.html identical to the single-process audit's")

    os.remove(os.path.join(results, "results-3.jsonl"))  # pod 2 lost
    done = run_script(merge_c, merge_env, mounts, path_env, merge_path)
    if done.returncode != 64 or f"shard 3 of {n} is missing" not in done.stderr:
        fail(f"without pod 2 the merge exited {done.returncode}: {done.stderr}")
    print("without pod 2: " + done.stderr.splitlines()[0])


if __name__ == "__main__":
    main()
