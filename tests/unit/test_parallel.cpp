// Unit tests for parallel_for (src/audit/parallel.hpp): every job runs exactly once on any
// number of threads, the two-ended schedule keeps the largest jobs on one worker, and a job's
// exception reaches the caller.

#include <catch2/catch.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "audit/parallel.hpp"

using runaudit::audit::detail::parallel_for;
using runaudit::audit::detail::Schedule;

namespace {

// Which thread ran each job, in the order each thread ran them.
std::map<std::thread::id, std::vector<std::size_t>> run_jobs(std::size_t count, unsigned threads,
                                                             Schedule schedule,
                                                             std::size_t& done_calls) {
  std::mutex mutex;
  std::map<std::thread::id, std::vector<std::size_t>> by_thread;
  done_calls = 0;
  parallel_for(
      count, threads,
      [&](std::size_t i) {
        // Long enough that every worker gets some jobs.
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        const std::lock_guard<std::mutex> lock(mutex);
        by_thread[std::this_thread::get_id()].push_back(i);
      },
      [&] {
        const std::lock_guard<std::mutex> lock(mutex);
        ++done_calls;
      },
      schedule);
  return by_thread;
}

}  // namespace

TEST_CASE("parallel_for runs every job once", "[parallel]") {
  for (const Schedule schedule : {Schedule::in_order, Schedule::two_ended})
    for (const unsigned threads : {1u, 2u, 3u, 8u})
      for (const std::size_t count :
           {std::size_t{0}, std::size_t{1}, std::size_t{2}, std::size_t{57}}) {
        CAPTURE(threads, count, schedule == Schedule::two_ended);
        std::size_t done_calls = 0;
        std::vector<int> runs(count, 0);
        for (const auto& [id, jobs] : run_jobs(count, threads, schedule, done_calls))
          for (const std::size_t i : jobs) ++runs.at(i);
        CHECK(runs == std::vector<int>(count, 1));
        CHECK(done_calls == count);
      }
}

TEST_CASE("parallel_for on one thread runs the jobs in index order on the caller", "[parallel]") {
  std::size_t done_calls = 0;
  const auto by_thread = run_jobs(6, 1, Schedule::two_ended, done_calls);
  REQUIRE(by_thread.size() == 1);
  CHECK(by_thread.begin()->first == std::this_thread::get_id());
  CHECK(by_thread.begin()->second == std::vector<std::size_t>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("parallel_for two-ended: one worker takes the front, the others the back", "[parallel]") {
  for (const unsigned threads : {2u, 4u}) {
    CAPTURE(threads);
    const std::size_t count = 40;
    std::size_t done_calls = 0;
    const auto by_thread = run_jobs(count, threads, Schedule::two_ended, done_calls);
    // The front worker (if it got any job: it may start late) ran 0..k-1 in order; every other
    // worker ran jobs from k on, each in decreasing order.
    std::vector<std::size_t> front;
    std::vector<std::size_t> back;
    for (const auto& [id, jobs] : by_thread) {
      REQUIRE(!jobs.empty());
      const bool rising = jobs.size() > 1 && jobs[1] > jobs[0];
      if (jobs.front() == 0 && (rising || jobs.size() == 1) && front.empty()) {
        front = jobs;
      } else {
        for (std::size_t k = 1; k < jobs.size(); ++k) CHECK(jobs[k] < jobs[k - 1]);
        back.insert(back.end(), jobs.begin(), jobs.end());
      }
    }
    for (std::size_t k = 0; k < front.size(); ++k) CHECK(front[k] == k);
    CHECK(front.size() + back.size() == count);
    for (const std::size_t i : back) CHECK(i >= front.size());
  }
}

TEST_CASE("simulated makespans and the schedule chosen from job sizes", "[parallel]") {
  using runaudit::audit::detail::choose_schedule;
  using runaudit::audit::detail::detail::simulated_makespan;
  // By hand. [4, 4, 1, 1] on two workers: largest first, each worker takes a 4 then a 1 (5);
  // two-ended, worker 0 takes 4 while worker 1 takes 1, 1 and then the other 4 (6).
  const std::vector<std::uint64_t> two_large{4, 4, 1, 1};
  CHECK(simulated_makespan(two_large, 2, Schedule::in_order) == 5);
  CHECK(simulated_makespan(two_large, 2, Schedule::two_ended) == 6);
  CHECK(choose_schedule(two_large, 2) == Schedule::in_order);
  // One worker: the sum either way.
  CHECK(simulated_makespan(two_large, 1, Schedule::in_order) == 10);
  CHECK(simulated_makespan(two_large, 1, Schedule::two_ended) == 10);
  // The benchmark's shape, four 4-hour runs (47) among 200 one-hour runs (12): largest first,
  // each worker takes two 47s and a hundred 12s (1294, half the total); two-ended, worker 0
  // takes the four 47s while worker 1 takes 12s, then both take 12s: at most one 12 later.
  std::vector<std::uint64_t> club(4, 47);
  club.insert(club.end(), 200, 12);
  const std::uint64_t total = 4 * 47 + 200 * 12;  // 2588: 1294 per worker at best
  CHECK(simulated_makespan(club, 2, Schedule::in_order) == 1294);
  CHECK(simulated_makespan(club, 2, Schedule::two_ended) <= total / 2 + 12);
  CHECK(choose_schedule(club, 2) == Schedule::two_ended);
  // No jobs.
  CHECK(simulated_makespan({}, 2, Schedule::two_ended) == 0);
}

TEST_CASE("parallel_for in order: each worker's jobs rise", "[parallel]") {
  std::size_t done_calls = 0;
  for (const auto& [id, jobs] : run_jobs(40, 3, Schedule::in_order, done_calls))
    for (std::size_t k = 1; k < jobs.size(); ++k) CHECK(jobs[k] > jobs[k - 1]);
}

TEST_CASE("parallel_for rethrows a job's exception and takes no new job after it", "[parallel]") {
  for (const unsigned threads : {1u, 2u}) {
    CAPTURE(threads);
    std::mutex mutex;
    std::vector<std::size_t> started;
    const std::size_t count = 200;
    CHECK_THROWS_WITH(parallel_for(
                          count, threads,
                          [&](std::size_t i) {
                            {
                              const std::lock_guard<std::mutex> lock(mutex);
                              started.push_back(i);
                            }
                            if (i == 3) throw std::runtime_error("job 3 failed");
                            // Jobs last long enough that the other worker cannot run the rest
                            // (0.2 s) while job 3's exception is caught.
                            std::this_thread::sleep_for(std::chrono::milliseconds(1));
                          },
                          [] {}),
                      "job 3 failed");
    if (threads == 1) CHECK(started == std::vector<std::size_t>{0, 1, 2, 3});
    CHECK(started.size() < count);
  }
}
