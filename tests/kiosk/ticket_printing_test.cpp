// TicketPrinting (the daemon's PrintHook) in process: the printout it builds from an issue
// response, and its job/failure counts, against a fake printer on loopback.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "escpos_decoder.hpp"
#include "fake_printer.hpp"
#include "kiosk_config.hpp"
#include "ticket_printing.hpp"

namespace motcua {
namespace {

using print::testing::FakePrinter;

json::object sample_ticket_json() {
  return json::object{{"id", 42},
                      {"number", "1023"},
                      {"service", "ho-tich"},
                      {"service_name", "Tư pháp – Hộ tịch"},
                      {"state", "waiting"},
                      {"priority", true},
                      {"priority_group", "cao_tuoi"},
                      {"position", 3},
                      {"estimated_wait_s", 840},
                      {"open_counters", 2},
                      {"issued_at", 1795401660000},
                      {"code", "k3J9xQ2mTa7w"}};
}

TicketPrintingOptions options() {
  TicketPrintingOptions o;
  o.office_name = "Bộ phận Một cửa UBND phường Hàng Bạc";
  o.public_base_url = "http://192.168.1.10:8080/";
  return o;
}

TEST(TicketPrintout, BuiltFromTheIssueResponse) {
  auto p = printout_from_ticket(sample_ticket_json(), options());
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  EXPECT_EQ(p.value().office_name, "Bộ phận Một cửa UBND phường Hàng Bạc");
  EXPECT_EQ(p.value().service_name, "Tư pháp – Hộ tịch");
  EXPECT_EQ(p.value().number, "1023");
  EXPECT_EQ(p.value().people_ahead, 3);
  EXPECT_EQ(p.value().estimated_wait_s, 840);
  EXPECT_EQ(p.value().open_counters, 2);
  EXPECT_EQ(print::waiting_time_text(p.value()), "khoảng 14 phút");
  EXPECT_EQ(p.value().status_url, "http://192.168.1.10:8080/t/k3J9xQ2mTa7w");
  EXPECT_EQ(p.value().issued_at, "Lấy số lúc 09:41 ngày 23/11/2026");
  EXPECT_FALSE(p.value().priority_group_name.empty());
  EXPECT_NE(p.value().priority_group_name, "cao_tuoi");  // the Vietnamese name, not the code

  auto normal = sample_ticket_json();
  normal["priority"] = false;
  EXPECT_TRUE(printout_from_ticket(normal, options()).value().priority_group_name.empty());

  // Before any officer signs in: no wait is promised on paper.
  auto unserved = sample_ticket_json();
  unserved["open_counters"] = 0;
  EXPECT_EQ(print::waiting_time_text(printout_from_ticket(unserved, options()).value()), "chưa có quầy tiếp nhận");

  auto no_code = sample_ticket_json();
  no_code.erase("code");
  EXPECT_EQ(printout_from_ticket(no_code, options()).status().error(), "bad_ticket");
}

TEST(TicketPrintout, StatusUrlAndDerivedBase) {
  EXPECT_EQ(status_url("http://a:1", "abc"), "http://a:1/t/abc");
  EXPECT_EQ(status_url("http://a:1///", "abc"), "http://a:1/t/abc");
  EXPECT_EQ(derive_public_base_url("127.0.0.1", 8080), "http://127.0.0.1:8080");
  EXPECT_EQ(derive_public_base_url("::1", 80), "http://[::1]:80");
  const std::string any = derive_public_base_url("0.0.0.0", 8080);
  EXPECT_TRUE(any.starts_with("http://")) << any;
  EXPECT_TRUE(any.ends_with(":8080")) << any;
  EXPECT_EQ(any.find("0.0.0.0"), std::string::npos) << any;
}

TEST(TicketPrintout, StatusJson) {
  EXPECT_EQ(json::serialize(print_status_json(Status::ok())), R"({"ok":true})");
  auto s = print_status_json(Status::unavailable("printer_paper_out", "x"));
  EXPECT_EQ(s.at("ok"), false);
  EXPECT_EQ(s.at("error"), "printer_paper_out");
  EXPECT_NE(std::string(s.at("message").as_string()).find("hết giấy"), std::string::npos);
}

// Runs an io_context on a thread for the duration of a test.
struct IoThread {
  net::io_context ioc;
  net::executor_work_guard<net::io_context::executor_type> work = net::make_work_guard(ioc);
  std::thread thread{[this] { ioc.run(); }};
  ~IoThread() {
    work.reset();
    ioc.stop();
    thread.join();
  }
};

json::object print_and_wait(TicketPrinting& printing, const Device& device) {
  std::promise<json::object> promise;
  auto result = promise.get_future();
  printing.print(device, sample_ticket_json(), [&promise](json::object status) { promise.set_value(std::move(status)); });
  // Bounded: the printer timeouts are a few seconds.
  if (result.wait_for(std::chrono::seconds(30)) != std::future_status::ready) return json::object{{"hung", true}};
  return result.get();
}

TEST(TicketPrinting, PrintsAndCountsJobs) {
  FakePrinter printer;
  IoThread io;
  auto printing = TicketPrinting::create(io.ioc.get_executor(), options());
  const Device kiosk{.id = "kiosk-1", .kind = DeviceKind::kiosk, .key = "k", .printer = "127.0.0.1:" + std::to_string(printer.port())};
  auto status = print_and_wait(*printing, kiosk);
  EXPECT_EQ(status.at("ok"), true) << json::serialize(status);
  auto bytes = printer.wait_for_connection();
  ASSERT_TRUE(bytes.has_value());
  auto job = kiosk_testing::decode_printed(*bytes);
  ASSERT_TRUE(job.is_ok());
  EXPECT_EQ(job.value().image.width(), 576);
  EXPECT_EQ(printing->failures(), 0u);
  const std::string metrics = printing->metrics_text();
  EXPECT_NE(metrics.find("motcua_printer_jobs_total{device=\"kiosk-1\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("motcua_printer_up{device=\"kiosk-1\"} 1\n"), std::string::npos) << metrics;
}

TEST(TicketPrinting, CountsFailuresByDeviceAndError) {
  IoThread io;
  auto printing = TicketPrinting::create(io.ioc.get_executor(), options());
  const Device down{.id = "kiosk-2", .kind = DeviceKind::kiosk, .key = "k",
                    .printer = "127.0.0.1:" + std::to_string(kiosk_testing::unused_port())};
  const Device bad{.id = "kiosk-3", .kind = DeviceKind::kiosk, .key = "k", .printer = "127.0.0.1:notaport"};
  EXPECT_EQ(print_and_wait(*printing, down).at("error"), "printer_unreachable");
  EXPECT_EQ(print_and_wait(*printing, down).at("error"), "printer_unreachable");
  EXPECT_EQ(print_and_wait(*printing, bad).at("error"), "bad_printer_address");
  EXPECT_EQ(printing->failures(), 3u);
  const std::string metrics = printing->metrics_text();
  EXPECT_NE(metrics.find("motcua_printer_failures_total{device=\"kiosk-2\",error=\"printer_unreachable\"} 2\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("motcua_printer_failures_total{device=\"kiosk-3\",error=\"bad_printer_address\"} 1\n"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("motcua_printer_up{device=\"kiosk-2\"} 0\n"), std::string::npos) << metrics;
}

}  // namespace
}  // namespace motcua
