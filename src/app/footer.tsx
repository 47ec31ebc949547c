export function Footer() {
  return (
    <footer className="credits">
      <p>
        Runs entirely in this browser: no data leaves this computer. Contains public sector information licensed under the
        Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2021. Source: Office for National
        Statistics; Ministry of Housing, Communities and Local Government. Contains MHCLG data: English Indices of Deprivation 2025.
      </p>
    </footer>
  );
}
